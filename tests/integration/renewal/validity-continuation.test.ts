// Issue 13, item 3: "the new validity may continue from the old end" (the profile's
// renewalContinuesValidity), issued by the real CA engine. A renewal issued 30 days before the old
// certificate expires ends one validity period after the old end; without the setting, or after
// expiry, it ends one period after its own start. The engine refuses a carry-over beyond its ceiling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pemToDer } from "@/ca";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { requestRenewal } from "@/server/renewal/request-renewal";
import { makeCsr } from "../certificate/pki-helpers";
import { DAY, acceptFor, openWorld, type World } from "./world";

let w: World;
const PROFILE = "individual-signing"; // 365 days in the engine
const VALIDITY = 365 * DAY;

beforeAll(async () => {
  w = await openWorld({ realCa: true });
  await w.db.prisma.subscriberIdentity.create({
    data: { userId: w.users.alice!, legalName: "李爱丽", idDocumentType: "RESIDENT_ID_CARD", idDocumentNumber: "11010519491231002X", verifiedAt: w.clock.now(), verifiedById: w.users.officer! },
  });
}, 120_000);
afterAll(async () => {
  await w?.close();
});

let n = 0;
const setContinuation = (on: boolean) => w.db.prisma.certificateProfile.update({ where: { id: w.profiles[PROFILE]! }, data: { renewalContinuesValidity: on } });

/** A first certificate issued by the real CA at the world's clock, accepted. */
async function firstCertificate() {
  const identity = await w.db.prisma.subscriberIdentity.findFirstOrThrow({ where: { userId: w.users.alice } });
  const app = await w.db.prisma.application.create({
    data: {
      kind: "NEW",
      status: "APPROVED",
      applicantId: w.users.alice!,
      subjectType: "INDIVIDUAL",
      subscriberIdentityId: identity.id,
      profileId: w.profiles[PROFILE]!,
      subjectDetails: { country: "CN", usageScope: { kind: "平台", name: "电子政务平台" } },
      csrDer: Uint8Array.from(pemToDer(makeCsr(w.tmp, `first-${++n}`).csrPem)),
    },
  });
  const issued = await issueCertificate(w.as("officer"), { applicationId: app.id });
  const now = w.clock.now();
  await w.db.prisma.certificate.update({
    where: { id: issued.certificateId },
    data: { receiptAt: now, testWindowDeadline: new Date(now.getTime() + 2 * DAY), acceptanceKind: "EXPLICIT", acceptedAt: new Date(now.getTime() + DAY), status: "ACTIVE" },
  });
  return issued;
}

/** At `at`: the subscriber renews (kind), the draft is approved, the officer issues. */
async function renewAt(at: Date, certificateId: string, kind: "RENEW" | "REKEY") {
  const t0 = w.clock.now();
  w.clock.set(at);
  try {
    await acceptFor(w, "alice", "RENEW");
    const r = await requestRenewal(w.as("alice"), { certificateId, kind, csrPem: makeCsr(w.tmp, `renew-${++n}`).csrPem });
    await w.db.prisma.application.update({ where: { id: r.applicationId }, data: { status: "APPROVED" } });
    const issued = await issueCertificate(w.as("officer"), { applicationId: r.applicationId });
    return w.db.prisma.certificate.findUniqueOrThrow({ where: { id: issued.certificateId } });
  } finally {
    w.clock.set(t0);
  }
}

const whole = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

describe("validity continued from the old end (profile setting)", () => {
  it("on: a renewal issued 30 days before expiry ends one validity period after the old end", async () => {
    await setContinuation(true);
    const old = await firstCertificate();
    const at = new Date(old.notAfter.getTime() - 30 * DAY);
    const renewed = await renewAt(at, old.certificateId, "RENEW");
    expect(renewed.notBefore).toEqual(whole(at));
    // Old notAfter + 365 days: the old one is valid through its notAfter, the new one for a full period after.
    expect(renewed.notAfter).toEqual(new Date(old.notAfter.getTime() + VALIDITY));
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "certificate.issued", subjectId: renewed.id } });
    expect(audit.summary).toMatchObject({ notAfter: renewed.notAfter.toISOString() });
  });

  it("on, a rekey too; the old certificate's remaining time is bounded by the window's opening days", async () => {
    await setContinuation(true);
    await w.db.prisma.certificateProfile.update({ where: { id: w.profiles[PROFILE]! }, data: { renewalOpensDaysBefore: 200 } });
    try {
      const old = await firstCertificate();
      // 200 days left, but the profile's window (now 200 days) allows at most that: then 150 days left.
      await w.db.prisma.certificateProfile.update({ where: { id: w.profiles[PROFILE]! }, data: { renewalOpensDaysBefore: 150 } });
      const at = new Date(old.notAfter.getTime() - 150 * DAY);
      const renewed = await renewAt(at, old.certificateId, "REKEY");
      expect(renewed.notAfter).toEqual(new Date(whole(at).getTime() + VALIDITY + 150 * DAY - 1000));
    } finally {
      await w.db.prisma.certificateProfile.update({ where: { id: w.profiles[PROFILE]! }, data: { renewalOpensDaysBefore: 90 } });
    }
  });

  it("on, but renewed after expiry: nothing to carry, one period from the new start", async () => {
    await setContinuation(true);
    const old = await firstCertificate();
    const at = new Date(old.notAfter.getTime() + 10 * DAY);
    const renewed = await renewAt(at, old.certificateId, "REKEY");
    expect(renewed.notAfter).toEqual(new Date(whole(at).getTime() + VALIDITY - 1000));
  });

  it("off (the default): one period from the new start, whatever was left", async () => {
    await setContinuation(false);
    const old = await firstCertificate();
    const at = new Date(old.notAfter.getTime() - 30 * DAY);
    const renewed = await renewAt(at, old.certificateId, "RENEW");
    expect(renewed.notAfter).toEqual(new Date(whole(at).getTime() + VALIDITY - 1000));
    expect(renewed.notAfter.getTime()).toBeLessThan(old.notAfter.getTime() + VALIDITY);
  });
});
