import type { PrismaClient } from "@/generated/prisma/client";
import { TEST_CLOCK_ENABLED } from "@/server/testing/test-clock";

/**
 * Browser tests only (PORTAL_E2E_BUILD=1): changes one stored audit event behind the chain's
 * back, as someone with database access would, so the auditor's chain check can be seen to fail.
 * Refuses in every other build; its route file is only routed in e2e builds.
 */
export async function tamperAuditEvent(db: PrismaClient, seq?: number): Promise<{ seq: number }> {
  if (!TEST_CLOCK_ENABLED) throw new Error("tampering exists only in e2e builds");
  const row = seq ? await db.auditEvent.findUnique({ where: { seq } }) : await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, skip: 1 });
  if (!row) throw new Error("no audit event to alter");
  await db.auditEvent.update({ where: { seq: row.seq }, data: { summary: { tampered: true } } });
  return { seq: row.seq };
}
