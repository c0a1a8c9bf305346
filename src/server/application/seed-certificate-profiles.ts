import { PROFILES, type CertificateProfile as EngineProfile } from "@/ca/issuance/profiles";
import type { Prisma, PrismaClient, ProfileKind, SubjectType } from "@/generated/prisma/client";
import { defineSystemTask } from "@/server/core";

interface ProfileCommercials {
  kind: ProfileKind;
  /** Clause 1.9: the fee in cents (分), copied onto each application at submission. */
  feeCents: number;
  /** Clause 1.5: where the certificate may be used, shown on the application and the certificate page. */
  usageScope: string;
}

/**
 * The default price list and usage scopes, keyed by the CA engine's profile codes (src/ca), so
 * an application's profile is always one the engine can issue. Individual certificates are free
 * by default; organisation certificates cost 300.00 CNY. A CA changes these in the database.
 */
const DEFAULTS: Readonly<Record<string, ProfileCommercials>> = {
  "individual-signing": {
    kind: "SIGNATURE",
    feeCents: 0,
    usageScope: "仅限在本CA电子认证服务支持的项目、系统或平台中用于个人电子签名。 / For personal electronic signatures in the projects, systems and platforms supported by this CA's certification service only.",
  },
  "organization-signing": {
    kind: "SIGNATURE",
    feeCents: 30_000,
    usageScope: "仅限在本CA电子认证服务支持的项目、系统或平台中用于机构电子签名。 / For the organisation's electronic signatures in the projects, systems and platforms supported by this CA's certification service only.",
  },
  "organization-seal": {
    kind: "SEAL",
    feeCents: 30_000,
    usageScope: "仅限在本CA电子认证服务支持的系统或平台中用于机构电子印章。 / For the organisation's electronic seal (电子印章) in the systems and platforms supported by this CA's certification service only.",
  },
  "individual-signing-sm2": {
    kind: "SIGNATURE",
    feeCents: 0,
    usageScope: "仅限在本CA电子认证服务支持的项目、系统或平台中用于个人电子签名（SM2/SM3 商用密码算法）。 / For personal electronic signatures with the SM2/SM3 commercial-cryptography algorithms in the projects, systems and platforms supported by this CA's certification service only.",
  },
  "organization-seal-sm2": {
    kind: "SEAL",
    feeCents: 30_000,
    usageScope: "仅限在本CA电子认证服务支持的系统或平台中用于机构电子印章（SM2/SM3 商用密码算法）。 / For the organisation's electronic seal (电子印章) with the SM2/SM3 commercial-cryptography algorithms in the systems and platforms supported by this CA's certification service only.",
  },
  // The pair's row is its signing certificate's (the subscriber's key); the encryption half is
  // certified beside it by the key-management side under the same application.
  "individual-dual-sm2": {
    kind: "SIGNATURE",
    feeCents: 0,
    usageScope: "仅限在本CA电子认证服务支持的项目、系统或平台中用于个人电子签名和数据加密（SM2 双证书）。 / For personal electronic signatures and data encryption (an SM2 dual certificate) in the projects, systems and platforms supported by this CA's certification service only.",
  },
  encryption: {
    kind: "ENCRYPTION",
    feeCents: 0,
    usageScope: "仅限在本CA电子认证服务支持的项目、系统或平台中用于数据加密和密钥协商。 / For data encryption and key agreement in the projects, systems and platforms supported by this CA's certification service only.",
  },
};

export const DEFAULT_PROFILE_CODES = Object.keys(DEFAULTS);

function keyAlgorithms(p: EngineProfile): string[] {
  return p.allowedKeys.flatMap((k) => (k.type === "ec" ? ["EC-P256"] : k.type === "sm2" ? ["SM2"] : k.bits.map((b) => `RSA-${b}`)));
}

function rowFor(code: string, p: EngineProfile, c: ProfileCommercials): Prisma.CertificateProfileCreateInput {
  const subjectType: SubjectType = p.subjectKind === "organization" ? "ORGANISATION" : "INDIVIDUAL";
  return {
    code,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    kind: c.kind,
    subjectType,
    allowedKeyAlgorithms: keyAlgorithms(p),
    validityDays: p.validityDays,
    keyUsage: { rsa: [...p.keyUsage.rsa], ec: [...p.keyUsage.ec], sm2: [...p.keyUsage.sm2] },
    extendedKeyUsage: [...p.extKeyUsage],
    policyOid: p.policyOid,
    usageScope: c.usageScope,
    subjectTemplate: {
      fields: p.subject.map((f) => ({ ...f })),
      emailSan: p.emailSan,
      usageScopes: [...p.usageScopes],
      serverKeyGeneration: p.serverKeyGeneration,
      family: p.family,
      ...(p.dualCertificate ? { dualCertificate: true } : {}),
    },
    feeCents: c.feeCents,
  };
}

/**
 * Creates the default profiles that are missing (by code); existing rows, whose fees a CA
 * may have changed, are left alone. Returns the codes it created. Run it before any other seeder
 * that creates profile rows by the same codes, or the fees and usage texts here never land.
 */
export async function seedCertificateProfiles(db: PrismaClient, now: Date, opts: { cpsUri?: string | null } = {}): Promise<string[]> {
  return seedProfiles({ db, clock: { now: () => now } }, { cpsUri: opts.cpsUri ?? null });
}

const seedProfiles = defineSystemTask({
  name: "profile.seed-defaults",
  async run(s, { cpsUri }: { cpsUri: string | null }): Promise<string[]> {
    await s.tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x5eed_0b02})`);
    const existing = new Set((await s.tx.certificateProfile.findMany({ select: { code: true } })).map((p) => p.code));
    const created: string[] = [];
    for (const [code, commercials] of Object.entries(DEFAULTS)) {
      const engine = PROFILES[code];
      if (!engine || existing.has(code)) continue;
      await s.tx.certificateProfile.create({ data: { ...rowFor(code, engine, commercials), cpsUri, createdAt: s.now } });
      created.push(code);
    }
    if (created.length === 0) s.nothingToRecord();
    else {
      s.audit({
        action: "profile.defaults-seeded",
        subjectType: "CertificateProfile",
        summary: { codes: created, fees: Object.fromEntries(created.map((c) => [c, DEFAULTS[c]!.feeCents])) },
      });
    }
    return created;
  },
});
