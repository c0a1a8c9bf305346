import type { PrismaClient } from "@/generated/prisma/client";
import { defineSystemTask } from "@/server/core";

export const DEFAULT_RA_NAME = "总部注册机构 / Head-office RA";

/**
 * On first start an installation gets one active RA so applications have somewhere to go.
 * Idempotent: does nothing once any RA exists (an installation that closed the head office keeps it closed).
 */
export async function seedDefaultRegistrationAuthority(db: PrismaClient, now: Date): Promise<{ id: string; created: boolean }> {
  return seedRa({ db, clock: { now: () => now } }, undefined);
}

const seedRa = defineSystemTask({
  name: "ra.seed-default",
  async run(s): Promise<{ id: string; created: boolean }> {
    await s.tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x5eed_0a01})`);
    const existing = await s.tx.registrationAuthority.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
    if (existing) {
      s.nothingToRecord();
      return { id: existing.id, created: false };
    }
    const ra = await s.tx.registrationAuthority.create({ data: { name: DEFAULT_RA_NAME, status: "ACTIVE", createdAt: s.now }, select: { id: true } });
    s.audit({ action: "ra.default-seeded", subjectType: "RegistrationAuthority", subjectId: ra.id, summary: { name: DEFAULT_RA_NAME } });
    return { id: ra.id, created: true };
  },
});
