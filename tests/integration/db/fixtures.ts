// Minimal rows the constraint tests build on.
import { randomUUID } from "node:crypto";
import type { Database } from "../support/test-db";

export async function makeUser(db: Database, email = `${randomUUID()}@example.test`) {
  return db.prisma.user.create({ data: { email, passwordHash: "x", roles: ["SUBSCRIBER"] } });
}

export async function makeIssuer(db: Database, name = `CA ${randomUUID()}`) {
  const now = new Date();
  return db.prisma.issuingCa.create({
    data: {
      name,
      role: "ISSUING",
      algorithm: "EC-P256",
      subjectDn: `CN=${name}`,
      subjectDer: Buffer.from([0x30, 0x00]),
      certificateDer: Buffer.from([0x30, 0x00]),
      keyRef: "file:test",
      notBefore: now,
      notAfter: new Date(now.getTime() + 86_400_000),
    },
  });
}

export async function makeProfile(db: Database) {
  return db.prisma.certificateProfile.create({
    data: {
      code: `p-${randomUUID()}`,
      nameZh: "个人证书",
      nameEn: "Personal",
      kind: "SIGNATURE",
      subjectType: "INDIVIDUAL",
      allowedKeyAlgorithms: ["EC-P256"],
      validityDays: 365,
      keyUsage: ["digitalSignature"],
      extendedKeyUsage: [],
      policyOid: "1.2.3.4",
      usageScope: "测试平台",
      subjectTemplate: {},
    },
  });
}

export async function makeCertificate(db: Database, issuerId: string, profileId: string, serialHex: string) {
  const now = new Date();
  return db.prisma.certificate.create({
    data: {
      issuerId,
      profileId,
      serialHex,
      subjectDn: "CN=Test",
      subjectDer: Buffer.from([0x30, 0x00]),
      publicKeySha256: "00".repeat(32),
      notBefore: now,
      notAfter: new Date(now.getTime() + 86_400_000),
      der: Buffer.from([0x30, 0x00]),
      keyGeneration: "CLIENT_CSR",
    },
  });
}

export async function makeAgreementVersion(db: Database, version = 1) {
  return db.prisma.agreementVersion.create({
    data: { version, effectiveAt: new Date(), publishedAt: new Date(), contentHash: "h".repeat(64) },
  });
}
