// Exists only in builds made with PORTAL_E2E_BUILD=1 (see pageExtensions in next.config.ts).
import { getDatabase } from "@/db";
import { inspectSupportRequest } from "@/testing/e2e/support-inspect";

/** Reads back a support request for the support-desk journey (src/testing/e2e/support-inspect.ts). */
export async function POST(req: Request) {
  const body = (await req.json().catch(() => ({}))) as { requestId?: unknown };
  if (typeof body.requestId !== "string") return Response.json({ error: "requestId" }, { status: 400 });
  try {
    return Response.json(await inspectSupportRequest((await getDatabase()).prisma, body.requestId));
  } catch (e) {
    return Response.json({ error: String(e) }, { status: 500 });
  }
}
