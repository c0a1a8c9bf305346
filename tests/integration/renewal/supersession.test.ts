// The whole renewal path on the real CA: the certificate area issues the replacement and records
// its acceptance; the old certificate stays valid (OCSP good, not on the CRL) until the new one
// is accepted, explicitly or deemed, and is then revoked as superseded — checked with openssl.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pemToDer } from "@/ca";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { sweepDeemedAcceptance } from "@/server/certificate/sweep-deemed-acceptance";
import { caOf } from "@/server/ca-service/wire-context";
import { verifyAuditChain } from "@/server/core/audit";
import { requestRenewal } from "@/server/renewal/request-renewal";
import { supersedePredecessorOnAcceptance } from "@/server/renewal/supersede-predecessor";
import { sweepSupersession } from "@/server/renewal/sweep-supersession";
import { makeCsr, openssl, pem } from "../certificate/pki-helpers";
import { DAY, acceptFor, openWorld, type World } from "./world";

let w: World;

beforeAll(async () => {
  w = await openWorld({ realCa: true });
  // These certificates are renewed the moment they are issued (365 days before expiry): the
  // profile's renewal window opens as early as it may (365 days) so the journey needs no clock jump.
  await w.db.prisma.certificateProfile.update({ where: { id: w.profiles["individual-signing"]! }, data: { renewalOpensDaysBefore: 365 } });
  for (const [name, legalName] of [["alice", "李爱丽"], ["bob", "王博"]] as const) {
    await w.db.prisma.subscriberIdentity.create({
      data: { userId: w.users[name]!, legalName, idDocumentType: "RESIDENT_ID_CARD", idDocumentNumber: "11010519491231002X", verifiedAt: w.clock.now(), verifiedById: w.users.officer! },
    });
  }
}, 120_000);
afterAll(async () => {
  await w?.close();
});

let n = 0;

/** A first certificate, issued by the certificate area from an approved application and accepted. */
async function firstCertificate(name: "alice" | "bob") {
  const { csrPem } = makeCsr(w.tmp, `first-${++n}`);
  const identity = await w.db.prisma.subscriberIdentity.findFirstOrThrow({ where: { userId: w.users[name] } });
  const app = await w.db.prisma.application.create({
    data: {
      kind: "NEW",
      status: "APPROVED",
      applicantId: w.users[name]!,
      subjectType: "INDIVIDUAL",
      subscriberIdentityId: identity.id,
      profileId: w.profiles["individual-signing"]!,
      subjectDetails: { country: "CN", usageScope: { kind: "平台", name: "电子政务平台" } },
      csrDer: Uint8Array.from(pemToDer(csrPem)),
    },
  });
  const issued = await issueCertificate(w.as("officer"), { applicationId: app.id });
  const now = w.clock.now();
  await w.db.prisma.certificate.update({
    where: { id: issued.certificateId },
    data: { receiptAt: now, testWindowDeadline: new Date(now.getTime() + 2 * DAY), acceptanceKind: "EXPLICIT", acceptedAt: now, status: "ACTIVE" },
  });
  return issued;
}

/** Renewal by the subscriber; the RA's review is another area's, so the draft is approved directly. */
async function renewAndIssue(name: "alice" | "bob", certificateId: string) {
  await acceptFor(w, name, "RENEW");
  const { csrPem } = makeCsr(w.tmp, `renew-${++n}`);
  const r = await requestRenewal(w.as(name), { certificateId, kind: "RENEW", csrPem });
  await w.db.prisma.application.update({ where: { id: r.applicationId }, data: { status: "APPROVED" } });
  const issued = await issueCertificate(w.as("officer"), { applicationId: r.applicationId });
  const now = w.clock.now();
  // Received now (download or signed-for); the test window runs to a fixed deadline.
  await w.db.prisma.certificate.update({ where: { id: issued.certificateId }, data: { receiptAt: now, testWindowDeadline: new Date(now.getTime() + DAY) } });
  return issued;
}

async function caFiles() {
  const ca = await caOf(w.db.prisma)();
  return {
    issuer: w.tmp.file("issuer.pem", pem(ca.hierarchy.issuing.ec!.entity.certificate)),
    root: w.tmp.file("root.pem", pem(ca.hierarchy.root.entity.certificate)),
  };
}

/** openssl's view of the certificate's status from the CA's OCSP responder. */
async function ocspStatus(certificateId: string): Promise<string> {
  const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
  const { issuer, root } = await caFiles();
  const certFile = w.tmp.file(`c-${certificateId}.pem`, pem(row.der));
  const reqFile = w.tmp.file(`ocsp-${++n}.req`);
  execFileSync("openssl", ["ocsp", "-issuer", issuer, "-cert", certFile, "-no_nonce", "-reqout", reqFile], { stdio: "pipe" });
  const ca = await caOf(w.db.prisma)();
  const res = await ca.ocsp.handleRequest(readFileSync(reqFile));
  const respFile = w.tmp.file(`ocsp-${n}.der`, res.body);
  return openssl(["ocsp", "-respin", respFile, "-issuer", issuer, "-cert", certFile, "-CAfile", root, "-verify_other", issuer, "-resp_text"]).out;
}

async function crlText(certificateId: string): Promise<string> {
  const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
  const shard = await w.db.prisma.crlShard.findUnique({ where: { issuingCaId_shard: { issuingCaId: row.issuerId, shard: row.crlShard } } });
  if (!shard?.der) return "";
  const { issuer } = await caFiles();
  return openssl(["crl", "-inform", "DER", "-noout", "-text", "-CAfile", issuer], Buffer.from(shard.der)).out;
}
const crlSerial = (hex: string) => (hex.length % 2 ? "0" + hex : hex).toUpperCase();

describe("the old certificate is superseded when the new one is accepted, not before", () => {
  it("explicit acceptance: valid through issuance and test window, revoked as superseded after acceptance", async () => {
    const old = await firstCertificate("alice");
    w.clock.advance(3_600_000);
    const fresh = await renewAndIssue("alice", old.certificateId);

    // Issued and received, not accepted: the old certificate is still good.
    let oldRow = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: old.certificateId } });
    expect(oldRow.revokedAt).toBeNull();
    expect(await w.db.prisma.$transaction((tx) => supersedePredecessorOnAcceptance(tx, fresh.certificateId, w.clock.now()))).toBeNull();
    expect((await sweepSupersession(w.db.prisma, w.clock)).superseded).toEqual([]);
    expect(await ocspStatus(old.certificateId)).toMatch(/Cert Status: good/);

    w.clock.advance(3_600_000);
    const acceptedAt = w.clock.now();
    const accepted = await acceptCertificate(w.as("alice"), { certificateId: fresh.certificateId });
    // The acceptance itself supersedes the old certificate; the safety-net sweep finds nothing left.
    expect(accepted.superseded).toMatchObject({ oldCertificateId: old.certificateId, revoked: true });
    expect((await sweepSupersession(w.db.prisma, w.clock)).superseded).toEqual([]);
    oldRow = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: old.certificateId } });
    expect(oldRow).toMatchObject({ revocationReason: "SUPERSEDED", supersededById: fresh.certificateId, status: "REVOKED" });
    expect(oldRow.revokedAt!.getTime()).toBe(acceptedAt.getTime());

    const ocsp = await ocspStatus(old.certificateId);
    expect(ocsp).toMatch(/Response verify OK/);
    expect(ocsp).toMatch(/Cert Status: revoked/);
    expect(ocsp).toMatch(/Reason: superseded/);
    const crl = await crlText(old.certificateId);
    expect(crl).toContain(crlSerial(old.serialHex));
    expect(crl).toMatch(/Superseded/);
    expect(await ocspStatus(fresh.certificateId)).toMatch(/Cert Status: good/);
    expect(await w.db.prisma.notification.count({ where: { template: "renewal.predecessor-superseded", userId: w.users.alice } })).toBe(1);
  });

  it("deemed acceptance: when the window closes in silence the deemed-acceptance sweep records it and the old certificate is superseded", async () => {
    const old = await firstCertificate("bob");
    w.clock.advance(3_600_000);
    const fresh = await renewAndIssue("bob", old.certificateId);
    const deadline = (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: fresh.certificateId } })).testWindowDeadline!;

    w.clock.set(new Date(deadline.getTime() - 1000));
    await sweepDeemedAcceptance(w.db.prisma, w.clock);
    expect((await sweepSupersession(w.db.prisma, w.clock)).superseded).toEqual([]);
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: old.certificateId } })).revokedAt).toBeNull();

    w.clock.set(new Date(deadline.getTime() + 60_000));
    expect((await sweepDeemedAcceptance(w.db.prisma, w.clock)).recorded).toEqual([fresh.certificateId]);
    // Recording the deemed acceptance superseded the old certificate in the same transaction.
    expect((await sweepSupersession(w.db.prisma, w.clock)).superseded).toEqual([]);
    const oldRow = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: old.certificateId } });
    expect(oldRow).toMatchObject({ revocationReason: "SUPERSEDED", supersededById: fresh.certificateId });
    expect(await ocspStatus(old.certificateId)).toMatch(/Reason: superseded/);
    // A second sweep finds nothing more to do.
    expect((await sweepSupersession(w.db.prisma, w.clock)).superseded).toEqual([]);
  });

  it("leaves the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
