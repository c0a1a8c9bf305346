// Exists only in builds made with PORTAL_E2E_BUILD=1 (see pageExtensions in next.config.ts).
import { getDatabase } from "@/db";
import { tamperAuditEvent } from "@/testing/e2e/tamper-audit-event";

/** Body: `{ "seq"?: n }`; alters that audit event (default: the one before the newest). */
export async function POST(req: Request) {
  const body = (await req.json().catch(() => ({}))) as { seq?: number };
  const db = await getDatabase();
  return Response.json(await tamperAuditEvent(db.prisma, typeof body.seq === "number" ? body.seq : undefined));
}
