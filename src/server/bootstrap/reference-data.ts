import type { Database } from "@/db";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { seedCalendarFromPackage } from "@/server/calendar/seed-calendar";
import type { Clock } from "@/server/core/context";
import { systemClock } from "@/server/core/context";

/**
 * Seeds the reference data every installation needs, at every start, before the demo accounts:
 * the subscriber agreement version 1 (only when there is none) and the statutory calendar years
 * the database does not have yet. Each step is idempotent and safe with several instances.
 */
export async function seedReferenceData(db: Database, clock: Clock = systemClock): Promise<void> {
  const now = clock.now();
  await seedDefaultAgreement(db.prisma, now);
  await seedCalendarFromPackage(db.prisma, now);
}
