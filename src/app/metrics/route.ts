import { mayScrapeMetrics, renderMetrics } from "@/server/metrics";

export const dynamic = "force-dynamic";

const hidden = (): Response => new Response(null, { status: 404, headers: { "cache-control": "no-store" } });

/**
 * Prometheus scrape endpoint (README "Monitoring"). Off unless METRICS_TOKEN is set, and then only
 * for `Authorization: Bearer <token>`: every refusal is a bare 404, so the endpoint is not
 * advertised. A failing database still gives 200 with the process metrics (portal_database_up 0).
 */
export async function GET(req: Request): Promise<Response> {
  if (!mayScrapeMetrics(req.headers.get("authorization"))) return hidden();
  const { contentType, body } = await renderMetrics();
  return new Response(body, { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" } });
}

/** Other methods get the same 404: Next would answer 405 with an Allow header, naming the endpoint. The body is never read. */
const notHere = async (): Promise<Response> => hidden();
export { notHere as POST, notHere as PUT, notHere as PATCH, notHere as DELETE, notHere as OPTIONS };
