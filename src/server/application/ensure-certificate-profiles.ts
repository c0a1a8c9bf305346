import { pkiUrls } from "@/ca/hierarchy/pki-urls";
import type { PrismaClient } from "@/generated/prisma/client";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";

/**
 * Profile rows for the engine's profiles (code = engine profile id), created when missing. The
 * application area owns the price list and usage texts (seedCertificateProfiles, which bootstrap
 * calls); this stays as the CA-side entry point tests use, with the CPS URI of the hierarchy.
 */
export async function ensureCertificateProfiles(db: PrismaClient, now: Date, baseUrl: string): Promise<string[]> {
  return seedCertificateProfiles(db, now, { cpsUri: pkiUrls(baseUrl).cps });
}
