import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";

/** What an auditor may search the log by; the search and the evidence export take the same filter. */
export const auditLogFilter = z.object({
  /** A user id or (part of) an e-mail address. */
  actor: z.string().trim().max(200).optional(),
  /** Prefix of the action, e.g. "revocation." */
  action: z.string().trim().max(100).optional(),
  subjectType: z.string().trim().max(100).optional(),
  subjectId: z.string().trim().max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type AuditLogFilter = z.infer<typeof auditLogFilter>;

/** Builds the where clause shared by the search and the evidence export. */
export async function auditWhere(db: Prisma.TransactionClient, f: AuditLogFilter): Promise<Prisma.AuditEventWhereInput> {
  const where: Prisma.AuditEventWhereInput = {};
  if (f.actor) {
    const users = await db.user.findMany({ where: { OR: [{ id: f.actor }, { email: { contains: f.actor.toLowerCase() } }] }, select: { id: true }, take: 50 });
    where.actorId = { in: users.map((u) => u.id) };
  }
  if (f.action) where.action = { startsWith: f.action };
  if (f.subjectType) where.subjectType = f.subjectType;
  if (f.subjectId) where.subjectId = f.subjectId;
  if (f.from || f.to) where.at = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
  return where;
}
