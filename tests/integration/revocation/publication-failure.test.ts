// When the CA cannot publish (keys unavailable), the suspension still stands: it is recorded and
// audited, OCSP/CRL catch up from the rows at their next refresh, and the caller is told.
import { caOf } from "@/server/ca-service/wire-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCaConfig } from "@/server/ca-service/ca-service";
import { verifyAuditChain } from "@/server/core/audit";
import { fixedClock } from "@/server/core/context";
import { reportLoss } from "@/server/revocation/report-loss";
import { TempDir } from "../certificate/pki-helpers";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
let tmp: TempDir;
const clock = fixedClock(new Date("2026-03-02T02:00:00Z"));
let certificateId: string;
let aliceId: string;

beforeAll(async () => {
  db = await openTestDb();
  tmp = new TempDir();
  // A CA row whose key file does not exist: opening the CA (ctx.ca()) fails, as with a lost HSM session.
  registerCaConfig(db.prisma, { dataDir: tmp.dir, baseUrl: "http://pki.test.example", embeddedDefault: true, clock });
  const now = clock.now();
  const ca = await db.prisma.issuingCa.create({
    data: { name: "issuing-ec", role: "ISSUING", algorithm: "EC-P256", subjectDn: "CN=x", subjectDer: Uint8Array.from([0x30, 0]), certificateDer: Uint8Array.from([0x30, 0]), keyRef: `${tmp.dir}/missing.key.pem`, notBefore: now, notAfter: new Date(now.getTime() + 86_400_000 * 365) },
  });
  const profile = await db.prisma.certificateProfile.create({
    data: { code: "individual-signing", nameZh: "个人签名", nameEn: "Individual signing", kind: "SIGNATURE", subjectType: "INDIVIDUAL", allowedKeyAlgorithms: ["EC-P256"], validityDays: 365, keyUsage: {}, extendedKeyUsage: [], policyOid: "1.2.3", cpsUri: "http://x", usageScope: "平台", subjectTemplate: {}, feeCents: 0 },
  });
  aliceId = (await db.prisma.user.create({ data: { email: "alice@example.test", passwordHash: "x", roles: ["SUBSCRIBER"] } })).id;
  certificateId = (
    await db.prisma.certificate.create({
      data: { issuerId: ca.id, serialHex: "4a01", subjectDn: "CN=李爱丽", subjectDer: Uint8Array.from([0x30, 0]), publicKeySha256: "00", notBefore: now, notAfter: new Date(now.getTime() + 86_400_000 * 365), der: Uint8Array.from([0x30, 0]), status: "ACTIVE", subscriberUserId: aliceId, profileId: profile.id, keyGeneration: "CLIENT_CSR" },
    })
  ).id;
});
afterAll(async () => {
  await db?.close();
  tmp?.cleanup();
});

describe("status publication failing after the commit", () => {
  it("keeps the suspension and says it was not published", async () => {
    const r = await reportLoss({ db: db.prisma, ca: caOf(db.prisma), clock, actor: { userId: aliceId, roles: ["SUBSCRIBER"] }, meta: {} }, { certificateId });
    expect(r.published).toBe(false);
    expect(await db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } })).toMatchObject({ status: "SUSPENDED", holdAt: clock.now() });
    expect(await db.prisma.auditEvent.count({ where: { action: "revocation.loss-reported" } })).toBe(1);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });
});
