import type { PrismaClient } from "@/generated/prisma/client";
import { assertE2eBuild } from "./e2e-only";

/**
 * Changes one stored audit event behind the chain's back, as someone with database access would,
 * so the auditor's chain check can be seen to fail (/api/test/console/tamper-audit).
 */
export async function tamperAuditEvent(db: PrismaClient, seq?: number): Promise<{ seq: number }> {
  assertE2eBuild("tampering");
  const row = seq ? await db.auditEvent.findUnique({ where: { seq } }) : await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, skip: 1 });
  if (!row) throw new Error("no audit event to alter");
  // The table refuses updates (trigger); an intruder with database rights would switch it off.
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.$executeRaw`UPDATE "AuditEvent" SET "summary" = '{"tampered":true}'::jsonb WHERE "seq" = ${row.seq}`;
  });
  return { seq: row.seq };
}
