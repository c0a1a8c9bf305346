// Exists only in builds made with PORTAL_E2E_BUILD=1 (see pageExtensions in next.config.ts).
import { serviceContext } from "@/server/web/service-context";
import { assertE2eBuild } from "@/testing/e2e/e2e-only";

export const dynamic = "force-dynamic";

/** The client address every handler's request meta carries (rate limits, audit, acceptance records). */
export async function GET() {
  assertE2eBuild("the client-address read-back");
  const { meta } = await serviceContext();
  return Response.json({ ip: meta.ip ?? null }, { headers: { "cache-control": "no-store" } });
}
