import type { PrismaClient } from "@/generated/prisma/client";
import { assertE2eBuild } from "./e2e-only";

/**
 * What the support-desk journey (e2e/console-support-desk.spec.ts) checks in the database after
 * acting through the pages: the request's state and handler, its messages in order (with the
 * internal flag), and the mails queued for it.
 */
export async function inspectSupportRequest(db: PrismaClient, requestId: string) {
  assertE2eBuild("support inspection");
  const r = await db.supportRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      status: true,
      closedAt: true,
      awaitingStaffSince: true,
      assignedTo: { select: { email: true } },
      messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { body: true, internal: true, author: { select: { email: true } } } },
    },
  });
  const audit = await db.auditEvent.findMany({ where: { subjectId: requestId }, orderBy: { seq: "asc" }, select: { action: true } });
  return {
    status: r.status,
    closed: r.closedAt !== null,
    awaitingStaff: r.awaitingStaffSince !== null,
    assignedTo: r.assignedTo?.email ?? null,
    messages: r.messages.map((m) => ({ body: m.body, internal: m.internal, author: m.author.email })),
    audit: audit.map((e) => e.action),
  };
}
