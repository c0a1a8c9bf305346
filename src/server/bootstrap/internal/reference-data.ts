import { pkiUrls } from "@/ca/hierarchy/pki-urls";
import type { Database } from "@/db";
import { seedDefaultAgreement } from "@/server/agreement";
import { seedCertificateProfiles } from "@/server/application";
import { seedCalendarFromPackage } from "@/server/calendar";
import { type Clock, systemClock } from "@/server/core";
import { seedDefaultRegistrationAuthority } from "@/server/ra";
import { settings } from "@/config/settings";

/**
 * Seeds the reference data every installation needs, at every start, before the demo accounts:
 * the subscriber agreement version 1 (only when there is none), the statutory calendar years the
 * database does not have yet, a registration authority and the certificate profiles with their
 * fees. Each step only creates what is missing (an administrator's changes stay) and is safe
 * with several instances starting together.
 */
export async function seedReferenceData(db: Database, clock: Clock = systemClock): Promise<void> {
  const now = clock.now();
  await seedDefaultAgreement(db.prisma, now);
  await seedCalendarFromPackage(db.prisma, now);
  await seedDefaultRegistrationAuthority(db.prisma, now);
  await seedCertificateProfiles(db.prisma, now, { cpsUri: pkiUrls(settings().portalUrl).cps });
}
