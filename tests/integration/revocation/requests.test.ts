// Subscriber requests and the RA officer's handling: who may do what, key-signed compliance,
// idempotent revocation under concurrency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { carryOutRevocation } from "@/server/revocation/carry-out-revocation";
import { confirmRevocationRequest } from "@/server/revocation/confirm-revocation-request";
import { issueRevocationChallenge } from "@/server/revocation/issue-revocation-challenge";
import { rejectRevocationRequest } from "@/server/revocation/reject-revocation-request";
import { reportLoss } from "@/server/revocation/report-loss";
import { requestHoldRelease } from "@/server/revocation/request-hold-release";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { revokeByCa } from "@/server/revocation/revoke-by-ca";
import { revokeCertificate } from "@/server/revocation/revoke-certificate";
import { testKeyCompromise } from "@/testing/cascade-evidence";
import { issueCert, openWorld, signWithKey, type World } from "./fixtures";
import { approvedAs } from "../support/approval";

let w: World;
beforeAll(async () => {
  w = await openWorld(new Date("2026-03-02T02:00:00Z"));
});
afterAll(async () => {
  await w?.close();
});

const code = (p: Promise<unknown>) => p.then(() => "OK", (e: { code?: string }) => e.code ?? String(e));

describe("who may report a loss and ask for revocation", () => {
  it("the individual subscriber only; others cannot even learn the certificate exists", async () => {
    const c = await issueCert(w, { user: "alice" });
    expect(await code(reportLoss(w.as("bob"), { certificateId: c.id }))).toBe("NOT_FOUND");
    expect(await code(reportLoss(w.as("officer"), { certificateId: c.id }))).toBe("NOT_FOUND");
    expect(await code(reportLoss({ ...w.as("alice"), actor: null }, { certificateId: c.id }))).toBe("UNAUTHENTICATED");
    expect(await code(requestRevocation(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE" }))).toBe("NOT_FOUND");
    expect(await code(reportLoss(w.as("alice"), { certificateId: c.id }))).toBe("OK");
    expect(await code(reportLoss(w.as("alice"), { certificateId: c.id }))).toBe("CERT_ALREADY_SUSPENDED");
    expect(await code(requestHoldRelease(w.as("bob"), { certificateId: c.id, note: "found", keyNotShared: true }))).toBe("NOT_FOUND");
  });

  it("an RA officer may record a loss reported by phone or at the counter, not pose as the subscriber", async () => {
    const c = await issueCert(w, { user: "alice" });
    expect(await code(reportLoss(w.as("officer"), { certificateId: c.id, channel: "PORTAL" }))).toBe("NOT_FOUND");
    expect(await code(reportLoss(w.as("bob"), { certificateId: c.id, channel: "PHONE" }))).toBe("NOT_FOUND");
    const r = await reportLoss(w.as("officer"), { certificateId: c.id, channel: "PHONE", note: "热线来电，核对了预留信息" });
    expect(r.request).toMatchObject({ kind: "LOSS_REPORT", status: "DONE" });
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("SUSPENDED");
    const told = await w.db.prisma.notification.findMany({ where: { template: "revocation.suspended", payload: { path: ["requestId"], equals: r.request.id } } });
    expect(told.map((n) => n.userId)).toEqual([w.users.alice!.id]);
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.loss-reported", subjectId: c.id } });
    expect(audit.summary).toMatchObject({ channel: "PHONE", recordedByOfficer: true });
  });

  it("for an organisation: its administrator and a REVOKE agent; the named holder may only report a loss", async () => {
    const c = await issueCert(w, { organisation: true, holder: "holder" });
    expect(await code(requestRevocation(w.as("agentNoRevoke"), { certificateId: c.id, reason: "AFFILIATION_CHANGED" }))).toBe("NOT_FOUND");
    expect(await code(requestRevocation(w.as("holder"), { certificateId: c.id, reason: "AFFILIATION_CHANGED" }))).toBe("NOT_FOUND");
    const loss = await reportLoss(w.as("holder"), { certificateId: c.id });
    expect(loss.request.kind).toBe("LOSS_REPORT");
    expect(await code(requestHoldRelease(w.as("holder"), { certificateId: c.id, note: "found", keyNotShared: true }))).toBe("NOT_FOUND");
    const r = await requestRevocation(w.as("agent"), { certificateId: c.id, reason: "AFFILIATION_CHANGED" });
    expect(r.status).toBe("RECEIVED");
    const row = await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ onBehalfOfOrganisationId: w.orgId, requestedById: w.users.agent!.id, compliantAt: null, dueAt: null });
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.requested", subjectId: r.id } });
    expect(audit.onBehalfOfId).toBe(w.orgId);
    // Administrator and holder both hear about it.
    const told = await w.db.prisma.notification.findMany({ where: { template: "revocation.request-received", payload: { path: ["requestId"], equals: r.id } } });
    expect(told.map((n) => n.userId).sort()).toEqual([w.users.agent!.id, w.users.orgAdmin!.id, w.users.holder!.id].sort());
  });

  it("a subscriber can only give subscriber reasons; one open request per certificate", async () => {
    const c = await issueCert(w, { user: "alice" });
    for (const reason of ["PRIVILEGE_WITHDRAWN", "CA_COMPROMISE", "CERTIFICATE_HOLD", "REMOVE_FROM_CRL"]) {
      expect(await code(requestRevocation(w.as("alice"), { certificateId: c.id, reason: reason as "UNSPECIFIED" }))).toBe("VALIDATION_FAILED");
    }
    await requestRevocation(w.as("alice"), { certificateId: c.id, reason: "SUPERSEDED" });
    expect(await code(requestRevocation(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE" }))).toBe("REVOCATION_REQUEST_OPEN");
  });
});

describe("compliance by the certificate's own key", () => {
  it("accepts a signature over a challenge bound to certificate, requester and reason; refuses every other one", async () => {
    const c = await issueCert(w, { user: "alice" });
    const other = await issueCert(w, { user: "alice" });
    const { challenge, expiresAt } = await issueRevocationChallenge(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
    expect(expiresAt.getTime() - w.clock.now().getTime()).toBe(15 * 60_000);
    const good = signWithKey(w, c.keyFile, challenge);
    const req = (o: Partial<{ challenge: string; signature: string; reason: "KEY_COMPROMISE" | "SUPERSEDED"; as: string; cert: string }>) =>
      code(
        requestRevocation(w.as(o.as ?? "alice"), {
          certificateId: o.cert ?? c.id,
          reason: o.reason ?? "KEY_COMPROMISE",
          keySignature: { challenge: o.challenge ?? challenge, signature: o.signature ?? good },
        }),
      );
    expect(await req({ signature: signWithKey(w, other.keyFile, challenge) })).toBe("REVOCATION_SIGNATURE_INVALID");
    expect(await req({ reason: "SUPERSEDED" })).toBe("REVOCATION_CHALLENGE_INVALID");
    expect(await req({ cert: other.id, signature: signWithKey(w, other.keyFile, challenge) })).toBe("REVOCATION_CHALLENGE_INVALID");
    const tampered = challenge.replace(/\.([A-Za-z0-9_-])/, (_m, ch: string) => "." + (ch === "A" ? "B" : "A"));
    expect(await req({ challenge: tampered, signature: signWithKey(w, c.keyFile, tampered) })).toBe("REVOCATION_CHALLENGE_INVALID");
    // Another user of the same organisation cannot replay a token fetched by someone else.
    const orgCert = await issueCert(w, { organisation: true });
    const orgChallenge = await issueRevocationChallenge(w.as("agent"), { certificateId: orgCert.id, reason: "KEY_COMPROMISE" });
    expect(
      await code(
        requestRevocation(w.as("orgAdmin"), {
          certificateId: orgCert.id,
          reason: "KEY_COMPROMISE",
          keySignature: { challenge: orgChallenge.challenge, signature: signWithKey(w, orgCert.keyFile, orgChallenge.challenge) },
        }),
      ),
    ).toBe("REVOCATION_CHALLENGE_INVALID");
    w.clock.advance(15 * 60_000 + 1);
    expect(await req({})).toBe("REVOCATION_CHALLENGE_INVALID");
    w.clock.advance(-(15 * 60_000 + 1));
    expect(await w.db.prisma.revocationRequest.count({ where: { certificateId: c.id } })).toBe(0);

    const ok = await requestRevocation(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: { challenge, signature: good } });
    expect(ok).toMatchObject({ status: "COMPLIANT", confirmationMethod: "KEY_SIGNATURE" });
    expect(Date.parse(ok.times.dueAt!) - Date.parse(ok.times.compliantAt!)).toBe(24 * 3_600_000);
    expect(ok.times.compliantAt).toBe(ok.times.receivedAt);
  });
});

describe("the RA officer's part", () => {
  it("confirms identity (clock starts), refuses what is not theirs to do, then carries out", async () => {
    const c = await issueCert(w, { user: "alice" });
    const r = await requestRevocation(w.as("alice"), { certificateId: c.id, reason: "CESSATION_OF_OPERATION" });
    expect(await code(confirmRevocationRequest(w.as("alice"), { requestId: r.id, identityCheck: "self" }))).toBe("FORBIDDEN");
    expect(await code(carryOutRevocation(w.as("officer"), { requestId: r.id }))).toBe("REVOCATION_REQUEST_NOT_COMPLIANT");
    expect(await code(carryOutRevocation(w.as("admin"), { requestId: r.id }))).toBe("FORBIDDEN");
    w.clock.advance(3_600_000);
    const confirmedAt = w.clock.now();
    const confirmed = await confirmRevocationRequest(w.as("officer"), { requestId: r.id, identityCheck: "回拨预留手机号核验" });
    expect(confirmed.request).toMatchObject({
      status: "COMPLIANT",
      confirmationMethod: "OFFICER",
      times: { compliantAt: confirmedAt.toISOString(), dueAt: new Date(confirmedAt.getTime() + 24 * 3_600_000).toISOString(), doneAt: null },
    });
    expect(await code(confirmRevocationRequest(w.as("officer2"), { requestId: r.id, identityCheck: "again" }))).toBe("REVOCATION_REQUEST_ALREADY_CONFIRMED");
    expect(await code(rejectRevocationRequest(w.as("officer2"), { requestId: r.id, reason: "too late to reject" }))).toBe("REVOCATION_REQUEST_ALREADY_CONFIRMED");
    w.clock.advance(60_000);
    const done = await carryOutRevocation(w.as("officer2"), { requestId: r.id });
    expect(done).toMatchObject({ alreadyDone: false, request: { status: "DONE", sla: "met" } });
    const cert = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id }, include: { revocation: true } });
    expect(cert).toMatchObject({ status: "REVOKED", revocationReason: "CESSATION_OF_OPERATION" });
    expect(cert.revocation).toMatchObject({ requestId: r.id, revokedById: w.users.officer2!.id });
    expect(await code(requestRevocation(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE" }))).toBe("CERT_REVOKED");
    expect(await code(reportLoss(w.as("alice"), { certificateId: c.id }))).toBe("CERT_REVOKED");
    expect(await w.db.prisma.notification.count({ where: { template: "revocation.revoked", userId: w.users.alice!.id } })).toBe(1);
  });

  it("never handles their own request or certificate", async () => {
    const c = await issueCert(w, { user: "officerSubscriber" });
    const r = await requestRevocation(w.as("officerSubscriber"), { certificateId: c.id, reason: "SUPERSEDED" });
    expect(await code(confirmRevocationRequest(w.as("officerSubscriber"), { requestId: r.id, identityCheck: "myself" }))).toBe("CONFLICT_OF_INTEREST");
    expect(await code(rejectRevocationRequest(w.as("officerSubscriber"), { requestId: r.id, reason: "mine" }))).toBe("CONFLICT_OF_INTEREST");
    expect(await code(confirmRevocationRequest(w.as("officer"), { requestId: r.id, identityCheck: "工牌核验" }))).toBe("OK");
    expect(await code(carryOutRevocation(w.as("officerSubscriber"), { requestId: r.id }))).toBe("CONFLICT_OF_INTEREST");
  });

  it("rejects a request whose requester could not be identified, with the reason, and tells them", async () => {
    const c = await issueCert(w, { user: "bob" });
    const r = await requestRevocation(w.as("bob"), { certificateId: c.id, reason: "UNSPECIFIED" });
    const rejected = await rejectRevocationRequest(w.as("officer"), { requestId: r.id, reason: "无法联系到申请人核实身份" });
    expect(rejected).toMatchObject({ status: "REJECTED", rejectedReason: "无法联系到申请人核实身份" });
    expect(rejected.times.doneAt).toBe(w.clock.now().toISOString());
    expect(await code(carryOutRevocation(w.as("officer"), { requestId: r.id }))).toBe("REVOCATION_REQUEST_CLOSED");
    expect(await code(rejectRevocationRequest(w.as("officer"), { requestId: r.id, reason: "again" }))).toBe("REVOCATION_REQUEST_CLOSED");
    const n = await w.db.prisma.notification.findFirstOrThrow({ where: { template: "revocation.request-rejected", userId: w.users.bob!.id } });
    expect(n.payload).toMatchObject({ reason: "无法联系到申请人核实身份" });
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("ACTIVE");
    // A rejected request does not block a new one.
    expect(await code(requestRevocation(w.as("bob"), { certificateId: c.id, reason: "UNSPECIFIED" }))).toBe("OK");
  });

  it("refuses to carry out a hold release or confirm a loss report", async () => {
    const c = await issueCert(w, { user: "bob" });
    const loss = await reportLoss(w.as("bob"), { certificateId: c.id });
    expect(await code(confirmRevocationRequest(w.as("officer"), { requestId: loss.request.id, identityCheck: "x x x" }))).toBe("INVALID_STATE_TRANSITION");
    const rel = await requestHoldRelease(w.as("bob"), { certificateId: c.id, note: "found it", keyNotShared: true });
    expect(await code(requestHoldRelease(w.as("bob"), { certificateId: c.id, note: "found it twice", keyNotShared: true }))).toBe("REVOCATION_REQUEST_OPEN");
    expect(await code(carryOutRevocation(w.as("officer"), { requestId: rel.id }))).toBe("INVALID_STATE_TRANSITION");
  });
});

describe("revoking is idempotent", () => {
  it("two officers carrying out the same request at once give one revocation", async () => {
    const c = await issueCert(w, { user: "alice" });
    const { challenge } = await issueRevocationChallenge(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
    const r = await requestRevocation(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: { challenge, signature: signWithKey(w, c.keyFile, challenge) } });
    const results = await Promise.all([carryOutRevocation(w.as("officer"), { requestId: r.id }), carryOutRevocation(w.as("officer2"), { requestId: r.id })]);
    expect(results.map((x) => x.alreadyDone).sort()).toEqual([false, true]);
    expect(new Set(results.map((x) => x.revocationId)).size).toBe(1);
    expect(await w.db.prisma.revocation.count({ where: { certificateId: c.id } })).toBe(1);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "revocation.revoked", subjectId: c.id } })).toBe(1);
  });

  it("two key-signed requests at once give one request; a subscriber request and a CA decision at once give one revocation", async () => {
    const c = await issueCert(w, { user: "bob" });
    const sign = async () => {
      const { challenge } = await issueRevocationChallenge(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
      return { challenge, signature: signWithKey(w, c.keyFile, challenge) };
    };
    const [s1, s2] = [await sign(), await sign()];
    const both = await Promise.allSettled([
      requestRevocation(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: s1 }),
      requestRevocation(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: s2 }),
    ]);
    expect(both.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(both.filter((x) => x.status === "rejected").map((x) => ((x as PromiseRejectedResult).reason as { code: string }).code)).toEqual(["REVOCATION_REQUEST_OPEN"]);
    const open = await w.db.prisma.revocationRequest.findFirstOrThrow({ where: { certificateId: c.id, status: "COMPLIANT" } });

    const [byOfficer, byCa] = await Promise.all([
      carryOutRevocation(w.as("officer"), { requestId: open.id }),
      revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: c.id, ground: "KEY_COMPROMISED", explanation: "私钥在公开代码仓库中泄露" }),
    ]);
    expect(await w.db.prisma.revocation.count({ where: { certificateId: c.id } })).toBe(1);
    expect(byOfficer.revocationId).toBe(byCa.revocationId);
    expect([byOfficer.alreadyDone, byCa.alreadyRevoked].filter(Boolean)).toHaveLength(1);
    expect((await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("DONE");
  });

  it("the building block other areas call (objections, supersession) is idempotent by itself", async () => {
    const c = await issueCert(w, { user: "alice" });
    const revoke = () =>
      w.db.prisma.$transaction((tx) => revokeCertificate(tx, { certificateId: c.id, reason: "SUPERSEDED", at: w.clock.now(), revokedById: null }));
    const [a, b] = await Promise.all([revoke(), revoke()]);
    expect([a.alreadyRevoked, b.alreadyRevoked].sort()).toEqual([false, true]);
    expect(a.revocation.id).toBe(b.revocation.id);
    expect(await w.db.prisma.revocation.count({ where: { certificateId: c.id } })).toBe(1);
    const late = () =>
      w.db.prisma.$transaction((tx) =>
        revokeCertificate(tx, { certificateId: c.id, reason: "KEY_COMPROMISE", at: w.clock.now(), revokedById: null, invalidityDate: new Date(w.clock.now().getTime() + 1), keyCompromise: testKeyCompromise(tx, w.clock.now()) }),
      );
    expect((await late()).revocation.reasonCode).toBe("SUPERSEDED");
    const fresh = await issueCert(w, { user: "alice" });
    const bad = w.db.prisma.$transaction((tx) =>
      revokeCertificate(tx, { certificateId: fresh.id, reason: "KEY_COMPROMISE", at: w.clock.now(), revokedById: null, invalidityDate: new Date(w.clock.now().getTime() + 1), keyCompromise: testKeyCompromise(tx, w.clock.now()) }),
    );
    expect(await code(bad)).toBe("REVOCATION_INVALIDITY_DATE_INVALID");
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
