import { PROFILES, type CertificateProfile as EngineProfile } from "@/ca/issuance/profiles";
import { pkiUrls } from "@/ca/hierarchy/pki-urls";
import type { Prisma, PrismaClient, ProfileKind } from "@/generated/prisma/client";
import { appendAuditEvent } from "@/server/core/audit";

const KIND: Record<string, ProfileKind> = {
  "individual-signing": "SIGNATURE",
  "organization-signing": "SIGNATURE",
  "organization-seal": "SEAL",
  encryption: "ENCRYPTION",
};

const allowedKeyNames = (p: EngineProfile) =>
  p.allowedKeys.flatMap((k) => (k.type === "rsa" ? k.bits.map((b) => `RSA-${b}`) : ["EC-P256"]));

/**
 * One CertificateProfile row per engine profile (code = the engine's profile id), created when
 * missing and never overwritten: fees and names an administrator changed stay. The engine's
 * data stays the authority for what goes into a certificate; the row carries what the portal
 * shows and charges.
 */
export async function ensureCertificateProfiles(db: PrismaClient, now: Date, baseUrl: string): Promise<string[]> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x0ca5_eed2})`);
    const existing = new Set((await tx.certificateProfile.findMany({ select: { code: true } })).map((p) => p.code));
    const added: string[] = [];
    for (const p of Object.values(PROFILES)) {
      if (existing.has(p.id)) continue;
      await tx.certificateProfile.create({
        data: {
          code: p.id,
          nameZh: p.nameZh,
          nameEn: p.nameEn,
          kind: KIND[p.id] ?? "SIGNATURE",
          subjectType: p.subjectKind === "organization" ? "ORGANISATION" : "INDIVIDUAL",
          allowedKeyAlgorithms: allowedKeyNames(p),
          validityDays: p.validityDays,
          keyUsage: p.keyUsage as unknown as Prisma.InputJsonValue,
          extendedKeyUsage: [...p.extKeyUsage],
          policyOid: p.policyOid,
          cpsUri: pkiUrls(baseUrl).cps,
          usageScope: p.usageScopes.join("/"),
          subjectTemplate: p.subject as unknown as Prisma.InputJsonValue,
          feeCents: 0,
        },
      });
      added.push(p.id);
    }
    if (added.length > 0) {
      await appendAuditEvent(tx, {
        at: now,
        actorId: null,
        actorRoles: ["SYSTEM"],
        action: "ca.profiles-seeded",
        subjectType: "CertificateProfile",
        subjectId: null,
        summary: { codes: added },
      });
    }
    return added;
  });
}
