// Issue 14 item 4: a key shown compromised is compromised in every certificate on it. A
// keyCompromise revocation of one certificate revokes every other live certificate with the same
// public key, in the same transaction, and blocks the key. Two certificates on one key for two
// subscribers cannot be made through today's issuance (KEY_ALREADY_CERTIFIED), so the second is
// signed by the real CA for the first one's subscriber id and stored for another subscriber, as a
// certificate from before that rule (or from another application of the same holder) would be.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { bytes, subjectDnOf } from "@/server/ca-service/ca-records";
import { caOf } from "@/server/ca-service/wire-context";
import { verifyAuditChain } from "@/server/core/audit";
import { carryOutRevocation } from "@/server/revocation/carry-out-revocation";
import { confirmRevocationRequest } from "@/server/revocation/confirm-revocation-request";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { revokeByCa } from "@/server/revocation/revoke-by-ca";
import { revokeCertificate } from "@/server/revocation/revoke-certificate";
import { makeCsr, pem } from "../certificate/pki-helpers";
import { crlSerial, crlText, issueCert, ocspAnswer, openWorld, type TestCert, type World } from "./fixtures";
import { approvedAs } from "../support/approval";

let w: World;
beforeAll(async () => {
  w = await openWorld(new Date("2026-03-02T02:00:00Z"));
});
afterAll(async () => {
  await w?.close();
});

let n = 0;
/** Certificates on one key: the CA signs each for the first owner's id; each row names its own subscriber. */
async function certsOnOneKey(owners: ({ user: string } | { organisation: true; holder: string })[]): Promise<TestCert[]> {
  const ca = await caOf(w.db.prisma)();
  const { csrPem, keyFile } = makeCsr(w.tmp, `shared${++n}`);
  const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
  const out: TestCert[] = [];
  for (const owner of owners) {
    const now = w.clock.now();
    const made = await w.db.prisma.$transaction(async (tx) => {
      const issued = await ca.issueFromCsr(tx, {
        profileCode: "individual-signing",
        subject: { country: "CN", fullName: "李爱丽" },
        // The engine's owner check compares with the first row's subscriber: sign every one for it.
        subscriberId: ownerIdOf(owners[0]!),
        usageScope: { kind: "平台", name: "电子政务平台" },
        now,
        csr: csrPem,
      });
      const org = "organisation" in owner;
      const row = await tx.certificate.create({
        data: {
          issuerId: issued.issuerRowId,
          serialHex: issued.serialHex,
          subjectDn: subjectDnOf(issued.certificate),
          subjectDer: bytes(parseCertificate(issued.certificate).subjectName),
          publicKeySha256: issued.spkiSha256,
          notBefore: issued.notBefore,
          notAfter: issued.notAfter,
          der: bytes(issued.certificate),
          status: "ACTIVE",
          subscriberUserId: org ? w.users[owner.holder]!.id : w.users[owner.user]!.id,
          subscriberOrganisationId: org ? w.orgId : null,
          profileId: profile.id,
          crlShard: issued.crlShard,
          keyGeneration: "CLIENT_CSR",
          receiptAt: now,
          acceptanceKind: "EXPLICIT",
          acceptedAt: now,
        },
      });
      return { id: row.id, serialHex: issued.serialHex, der: issued.certificate, keyFile, certFile: w.tmp.file(`shared-c${n}-${row.id}.pem`, pem(issued.certificate)) };
    });
    out.push(made);
  }
  return out;
}

const ownerIdOf = (o: { user: string } | { organisation: true; holder: string }) => ("organisation" in o ? w.orgId : w.users[o.user]!.id);
const KEY_OF = async (c: TestCert) => (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).publicKeySha256;

describe("key-compromise cascade (issue 14 item 4)", () => {
  it("a CA revocation on the key-compromise ground revokes every certificate on the key, blocks it, tells each subscriber; OCSP and the CRL say so", async () => {
    const [a, b] = await certsOnOneKey([{ user: "alice" }, { organisation: true, holder: "holder" }]);
    const other = await issueCert(w, { user: "alice" });
    w.clock.advance(10 * 60_000);
    const invalidityDate = new Date(w.clock.now().getTime() - 60_000);
    const r = await revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: a!.id, ground: "KEY_COMPROMISED", explanation: "私钥出现在公开的代码仓库中", invalidityDate });
    expect(r).toMatchObject({ reason: "KEY_COMPROMISE", alreadyRevoked: false, published: true });

    const rows = await w.db.prisma.revocation.findMany({ where: { certificateId: { in: [a!.id, b!.id] } } });
    expect(rows).toHaveLength(2);
    expect(rows.every((x) => x.reasonCode === "KEY_COMPROMISE" && x.revokedById === w.users.admin!.id)).toBe(true);
    const cascaded = rows.find((x) => x.certificateId === b!.id)!;
    expect(cascaded.requestId).toBeNull();
    expect(cascaded.invalidityDate?.toISOString()).toBe(invalidityDate.toISOString());
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: b!.id } })).status).toBe("REVOKED");
    // A certificate on another key is untouched.
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).toBeNull();

    const blocked = await w.db.prisma.blockedKey.findUniqueOrThrow({ where: { spkiSha256: await KEY_OF(a!) } });
    expect(blocked).toMatchObject({ reason: "KEY_COMPROMISE", source: "CA_REVOCATION", sourceCertificateId: a!.id });

    const ev = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.key-compromise-cascaded", subjectId: b!.id } });
    expect(ev.summary).toMatchObject({ triggerCertificateId: a!.id, triggerSerialHex: a!.serialHex, source: "CA_REVOCATION", revocationId: cascaded.id });
    expect(ev.actorId).toBe(w.users.admin!.id);
    const main = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.revoked-by-ca", subjectId: a!.id } });
    expect(main.summary).toMatchObject({ cascadedCertificateIds: [b!.id] });
    expect(main.seq).toBeGreaterThan(ev.seq);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "revocation.key-blocked", subjectId: blocked.spkiSha256 } })).toBe(1);
    expect((await verifyAuditChain(w.db.prisma)).ok).toBe(true);

    // The organisation's administrator and the named holder hear about their certificate.
    const mails = await w.db.prisma.notification.findMany({ where: { template: "revocation.key-compromise-cascaded" } });
    const forB = mails.filter((m) => (m.payload as { certificateId: string }).certificateId === b!.id);
    expect(forB.map((m) => m.userId).sort()).toEqual([w.users.orgAdmin!.id, w.users.holder!.id].sort());
    expect(forB[0]!.payload).toMatchObject({ serialHex: b!.serialHex, triggerSerialHex: a!.serialHex, path: `/certificates/${b!.id}` });

    // Published after the commit: the responder and the CRL shard name both with keyCompromise.
    for (const c of [a!, b!]) {
      const ocsp = await ocspAnswer(w, c);
      expect(ocsp).toContain("Response verify OK");
      expect(ocsp).toMatch(/Cert Status: revoked[\s\S]*Revocation Reason: keyCompromise/);
      const crl = await crlText(w, c);
      expect(crl).toMatch(new RegExp(`Serial Number: ${crlSerial(c.serialHex)}\\s+Revocation Date: [^\\n]+\\n\\s+CRL entry extensions:[\\s\\S]*?Key Compromise`));
    }
    expect(await ocspAnswer(w, other)).toMatch(/Cert Status: good/);
  });

  it("a subscriber's keyCompromise request carried out by an officer cascades too; a repeat changes nothing more", async () => {
    const [a, b, c] = await certsOnOneKey([{ user: "alice" }, { user: "bob" }, { user: "bob" }]);
    const cRow = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c!.id } });
    await w.db.prisma.certificate.update({ where: { id: c!.id }, data: { notAfter: new Date(cRow.notBefore.getTime() + 1000), status: "EXPIRED" } });
    w.clock.advance(60_000);
    const req = await requestRevocation(w.as("alice"), { certificateId: a!.id, reason: "KEY_COMPROMISE" });
    await confirmRevocationRequest(w.as("officer"), { requestId: req.id, identityCheck: "居民身份证核验" });
    const done = await carryOutRevocation(w.as("officer"), { requestId: req.id });
    expect(done).toMatchObject({ alreadyDone: false, published: true });
    expect((await w.db.prisma.revocation.findUniqueOrThrow({ where: { certificateId: b!.id } })).reasonCode).toBe("KEY_COMPROMISE");
    // An expired certificate is on no CRL: left alone.
    expect(await w.db.prisma.revocation.count({ where: { certificateId: c!.id } })).toBe(0);
    expect((await w.db.prisma.blockedKey.findUniqueOrThrow({ where: { spkiSha256: await KEY_OF(a!) } })).source).toBe("SUBSCRIBER_REQUEST");
    const before = await w.db.prisma.auditEvent.count({ where: { action: "revocation.key-compromise-cascaded" } });
    expect(await carryOutRevocation(w.as("officer"), { requestId: req.id })).toMatchObject({ alreadyDone: true });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "revocation.key-compromise-cascaded" } })).toBe(before);
  });

  it("another reason revokes the one certificate and blocks nothing", async () => {
    const [a, b] = await certsOnOneKey([{ user: "alice" }, { user: "bob" }]);
    await revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: a!.id, ground: "USE_OUTSIDE_PURPOSE", explanation: "证书被用于申请范围以外的交易平台" });
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: b!.id } })).revokedAt).toBeNull();
    expect(await w.db.prisma.blockedKey.count({ where: { spkiSha256: await KEY_OF(a!) } })).toBe(0);
  });
  it("a key shown compromised in a certificate revoked before (superseded) still revokes the others on the key and blocks it", async () => {
    const [a, b] = await certsOnOneKey([{ user: "alice" }, { user: "alice" }]);
    w.clock.advance(60_000);
    await w.db.prisma.$transaction((tx) => revokeCertificate(tx, { certificateId: a!.id, reason: "SUPERSEDED", at: w.clock.now(), revokedById: null }));
    w.clock.advance(60_000);
    const events: { action: string }[] = [];
    const evidence = { auditConsequence: (e: { action: string }) => void events.push(e), notify: async () => {} };
    const r = await w.db.prisma.$transaction((tx) =>
      revokeCertificate(tx, { certificateId: a!.id, reason: "KEY_COMPROMISE", at: w.clock.now(), revokedById: null, keyCompromise: { source: "PROBLEM_REPORT", evidence } }),
    );
    expect(r).toMatchObject({ alreadyRevoked: true, cascade: { certificateIds: [b!.id], keyBlocked: true } });
    expect((await w.db.prisma.revocation.findUniqueOrThrow({ where: { certificateId: b!.id } })).reasonCode).toBe("KEY_COMPROMISE");
    expect((await w.db.prisma.blockedKey.findUniqueOrThrow({ where: { spkiSha256: await KEY_OF(a!) } })).source).toBe("PROBLEM_REPORT");
    expect(events.map((e) => e.action)).toEqual(["revocation.key-blocked", "revocation.key-compromise-cascaded"]);
  });
  it("a CA revocation for key compromise of a certificate revoked before revokes the live ones on the key and blocks it", async () => {
    const [a, b] = await certsOnOneKey([{ user: "alice" }, { user: "alice" }]);
    w.clock.advance(60_000);
    await w.db.prisma.$transaction((tx) => revokeCertificate(tx, { certificateId: a!.id, reason: "SUPERSEDED", at: w.clock.now(), revokedById: null }));
    w.clock.advance(60_000);
    const r = await revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: a!.id, ground: "KEY_COMPROMISED", explanation: "私钥随旧证书一同泄露，续期证书沿用了同一密钥" });
    expect(r).toMatchObject({ alreadyRevoked: true });
    expect(await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
    expect((await w.db.prisma.blockedKey.findUniqueOrThrow({ where: { spkiSha256: await KEY_OF(a!) } })).source).toBe("CA_REVOCATION");
    // Published after the commit with the repeated decision.
    expect(await ocspAnswer(w, b!)).toMatch(/Cert Status: revoked[\s\S]*Revocation Reason: keyCompromise/);
  });
});
