import type { PrismaClient } from "@/generated/prisma/client";
import { appendAuditEvent } from "@/server/core/audit";

export const DEFAULT_RA_NAME = "总部注册机构 / Head-office RA";

/**
 * On first start an installation gets one active RA so applications have somewhere to go.
 * Idempotent: does nothing once any RA exists (an installation that closed the head office keeps it closed).
 */
export async function seedDefaultRegistrationAuthority(db: PrismaClient, now: Date): Promise<{ id: string; created: boolean }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x5eed_0a01})`);
    const existing = await tx.registrationAuthority.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
    const ra = await tx.registrationAuthority.create({ data: { name: DEFAULT_RA_NAME, status: "ACTIVE", createdAt: now }, select: { id: true } });
    await appendAuditEvent(tx, {
      at: now,
      actorId: null,
      actorRoles: ["SYSTEM"],
      action: "ra.default-seeded",
      subjectType: "RegistrationAuthority",
      subjectId: ra.id,
      summary: { name: DEFAULT_RA_NAME },
    });
    return { id: ra.id, created: true };
  });
}
