import { describe, expect, it } from "vitest";
import { allowedCertificateActions, CERTIFICATE_OFFERS, type Allowed, type CertificateActionFacts, type CertificateOffer } from "@/domain/certificate";

const sh = (local: string) => new Date(`${local}+08:00`);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

// Received Tue 2025-09-30; the window closes at 2025-10-11 00:00 Shanghai (National Day week in between).
const receiptAt = sh("2025-09-30T09:00:00");
const deadline = sh("2025-10-11T00:00:00");
const inWindow = sh("2025-10-09T10:00:00");
const afterWindow = sh("2025-11-03T10:00:00");
const base: CertificateActionFacts = {
  notBefore: sh("2025-09-29T10:00:00"),
  notAfter: sh("2026-09-29T10:00:00"),
  receiptAt,
  testWindowDeadline: deadline,
  testWindowProvisional: false,
  explicitAcceptedAt: null,
  objections: [],
  holdAt: null,
  revokedAt: null,
  revocationReason: null,
  supersededById: null,
  hasApplication: true,
};
const notReceived: Partial<CertificateActionFacts> = { receiptAt: null, testWindowDeadline: null };
const suspended: Partial<CertificateActionFacts> = { holdAt: inWindow };
const revoked: Partial<CertificateActionFacts> = { revokedAt: inWindow, revocationReason: "KEY_COMPROMISE" };
const superseded: Partial<CertificateActionFacts> = { revokedAt: inWindow, revocationReason: "SUPERSEDED", supersededById: "3f0e0c6e-0000-4000-8000-000000000001" };
const changeOrdered: Partial<CertificateActionFacts> = { objections: [{ raisedAt: sh("2025-10-09T09:00:00"), resolvedAt: sh("2025-10-10T09:00:00"), resolution: "CHANGE" }] };
const yes: Allowed = { ok: true };
const no = (reason: string) => ({ ok: false, reason });

// step-ca style: ok/... rows say what is offered, fail/... rows what is refused and with which code.
describe("allowedCertificateActions", () => {
  it.each<[string, CertificateOffer, Partial<CertificateActionFacts>, Date, object]>([
    // renew / rekey: only an accepted certificate (the agent page offered it in the test window; the use case refused it).
    ["ok/renew accepted explicitly", "renew", { explicitAcceptedAt: inWindow }, ms(inWindow, 1), yes],
    ["ok/renew deemed accepted", "renew", {}, afterWindow, yes],
    ["ok/rekey deemed accepted", "rekey", {}, afterWindow, yes],
    ["fail/renew in the test window", "renew", {}, inWindow, no("CERT_NOT_RENEWABLE")],
    ["fail/rekey in the test window", "rekey", {}, inWindow, no("CERT_NOT_RENEWABLE")],
    ["fail/renew awaiting acceptance (provisional calendar)", "renew", { testWindowProvisional: true }, afterWindow, no("CERT_NOT_RENEWABLE")],
    ["fail/renew before receipt", "renew", notReceived, inWindow, no("CERT_NOT_RENEWABLE")],
    ["fail/renew suspended", "renew", { holdAt: sh("2025-10-20T00:00:00") }, afterWindow, no("CERT_NOT_RENEWABLE")],
    ["fail/renew revoked", "renew", revoked, afterWindow, no("CERT_NOT_RENEWABLE")],
    ["fail/renew replaced by a successor", "renew", { supersededById: superseded.supersededById! }, afterWindow, no("CERT_NOT_RENEWABLE")],
    ["fail/renew without its application", "renew", { hasApplication: false }, afterWindow, no("CERT_NOT_RENEWABLE")],
    ["fail/renew expired", "renew", {}, sh("2026-09-29T10:00:01"), no("CERT_NOT_RENEWABLE")],

    // test: whenever an objection (in time or late) is possible; never before receipt.
    ["ok/test in the window", "test", {}, inWindow, { ok: true, late: false }],
    ["ok/test after acceptance is late", "test", {}, afterWindow, { ok: true, late: true }],
    ["fail/test before receipt", "test", notReceived, inWindow, no("CERT_NOT_RECEIVED")],
    ["fail/test revoked", "test", revoked, ms(inWindow, 1), no("CERT_REVOKED")],

    // accept: received, not accepted yet, not on hold.
    ["ok/accept in the window", "accept", {}, inWindow, yes],
    ["ok/accept after an objection settled by consultation", "accept", { objections: [{ raisedAt: inWindow, resolvedAt: afterWindow, resolution: "CONSULTATION" }] }, ms(afterWindow, 1), yes],
    ["fail/accept before receipt", "accept", notReceived, inWindow, no("CERT_NOT_RECEIVED")],
    ["fail/accept deemed already", "accept", {}, deadline, no("CERT_ALREADY_ACCEPTED")],
    ["fail/accept suspended", "accept", suspended, ms(inWindow, 1), no("CERT_SUSPENDED")],
    ["fail/accept expired", "accept", {}, sh("2026-09-30T00:00:00"), no("CERT_EXPIRED")],

    // object: in time in the window, late afterwards.
    ["ok/object in the window", "object", {}, ms(deadline, -1), { ok: true, late: false }],
    ["ok/object at the deadline is late", "object", {}, deadline, { ok: true, late: true }],
    ["fail/object before receipt", "object", notReceived, inWindow, no("CERT_NOT_RECEIVED")],
    ["fail/object superseded", "object", superseded, ms(inWindow, 1), no("CERT_REVOKED")],

    // receive: once, not while on hold.
    ["ok/receive before receipt", "receive", notReceived, inWindow, yes],
    ["fail/receive twice", "receive", {}, inWindow, no("CERT_ALREADY_RECEIVED")],
    ["fail/receive suspended", "receive", { ...notReceived, ...suspended }, ms(inWindow, 1), no("CERT_SUSPENDED")],

    // loss report, revocation request, hold release.
    ["ok/reportLoss before receipt", "reportLoss", notReceived, inWindow, yes],
    ["ok/reportLoss in the window", "reportLoss", {}, inWindow, yes],
    ["fail/reportLoss suspended already", "reportLoss", suspended, ms(inWindow, 1), no("CERT_ALREADY_SUSPENDED")],
    ["fail/reportLoss revoked", "reportLoss", revoked, ms(inWindow, 1), no("CERT_REVOKED")],
    ["ok/requestRevocation suspended", "requestRevocation", suspended, ms(inWindow, 1), yes],
    ["ok/requestRevocation in the window", "requestRevocation", {}, inWindow, yes],
    ["fail/requestRevocation revoked", "requestRevocation", revoked, ms(inWindow, 1), no("CERT_REVOKED")],
    ["fail/requestRevocation expired", "requestRevocation", {}, sh("2026-09-30T00:00:00"), no("CERT_EXPIRED")],
    ["ok/releaseHold suspended", "releaseHold", suspended, ms(inWindow, 1), yes],
    ["fail/releaseHold not suspended", "releaseHold", {}, inWindow, no("CERT_NOT_SUSPENDED")],
    ["fail/releaseHold released already", "releaseHold", { ...suspended, holdReleasedAt: ms(inWindow, 5) }, ms(inWindow, 10), no("CERT_NOT_SUSPENDED")],

    // change: the subscriber's details changed (clause 1.1) or an objection was resolved by CHANGE (2.2), while the certificate lives.
    ["ok/change ordered", "change", changeOrdered, afterWindow, yes],
    ["ok/change of details, no objection", "change", {}, afterWindow, yes],
    ["ok/change in the test window", "change", {}, inWindow, yes],
    ["fail/change while a replacement is under way", "change", { replacementOpen: true }, afterWindow, no("CERT_REPLACEMENT_OPEN")],
    ["fail/change done (superseded)", "change", { ...changeOrdered, ...superseded, revokedAt: afterWindow }, ms(afterWindow, 1), no("CERT_NOT_CHANGEABLE")],
    ["fail/change revoked", "change", { ...changeOrdered, revokedAt: afterWindow, revocationReason: "KEY_COMPROMISE" }, ms(afterWindow, 1), no("CERT_NOT_CHANGEABLE")],
    ["fail/change expired", "change", {}, sh("2026-09-30T00:00:00"), no("CERT_NOT_CHANGEABLE")],
    ["fail/change without the application to carry over", "change", { hasApplication: false }, afterWindow, no("CERT_NOT_CHANGEABLE")],
    // exportPkcs12 (issue 15): for using the certificate, so not once it is revoked, replaced or expired.
    ["ok/exportPkcs12 in the test window", "exportPkcs12", {}, inWindow, yes],
    ["ok/exportPkcs12 not yet received", "exportPkcs12", notReceived, inWindow, yes],
    ["ok/exportPkcs12 on hold (may be released)", "exportPkcs12", suspended, ms(inWindow, 1), yes],
    ["fail/exportPkcs12 revoked", "exportPkcs12", revoked, ms(inWindow, 1), no("CERT_REVOKED")],
    ["fail/exportPkcs12 superseded", "exportPkcs12", superseded, ms(inWindow, 1), no("CERT_REVOKED")],
    ["fail/exportPkcs12 expired", "exportPkcs12", {}, sh("2026-09-30T00:00:00"), no("CERT_EXPIRED")],
  ])("%s", (_name, offer, facts, now, expected) => {
    expect(allowedCertificateActions({ ...base, ...facts }, now)[offer]).toEqual(expected);
  });

  it("answers every offer, with a reason for every no", () => {
    for (const [facts, now] of [[base, inWindow], [{ ...base, ...revoked }, afterWindow], [{ ...base, ...notReceived }, inWindow]] as const) {
      const can = allowedCertificateActions(facts, now);
      expect(Object.keys(can).sort()).toEqual([...CERTIFICATE_OFFERS].sort());
      for (const a of Object.values(can)) if (!a.ok) expect(a.reason).toMatch(/^CERT_[A-Z_]+$/);
    }
  });

  it("a revoked certificate allows nothing", () => {
    const can = allowedCertificateActions({ ...base, ...revoked }, afterWindow);
    expect(Object.entries(can).filter(([, a]) => a.ok)).toEqual([]);
  });
});
