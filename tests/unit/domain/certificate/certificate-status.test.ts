import { describe, expect, it } from "vitest";
import {
  checkCertificateAction,
  deriveCertificateState,
  storedStatusOf,
  type CertificateFacts,
} from "@/domain/certificate";
import { applicationEventsFrom, applicationTransition, type ApplicationEvent, type ApplicationStatus } from "@/domain/application";

const sh = (local: string) => new Date(`${local}+08:00`);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

// Received Tue 2025-09-30; the window closes at 2025-10-11 00:00 Shanghai (see the calendar tests).
const receiptAt = sh("2025-09-30T09:00:00");
const deadline = sh("2025-10-11T00:00:00");
const base: CertificateFacts = {
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
};
const status = (f: Partial<CertificateFacts>, now: Date) => deriveCertificateState({ ...base, ...f }, now).status;

describe("deriveCertificateState", () => {
  it.each<[string, Partial<CertificateFacts>, Date, string]>([
    ["issued, not received", { receiptAt: null, testWindowDeadline: null }, sh("2025-09-30T08:00:00"), "PENDING_DELIVERY"],
    ["receipt recorded for a later instant", {}, ms(receiptAt, -1), "PENDING_DELIVERY"],
    ["before notBefore", {}, sh("2025-09-29T09:00:00"), "NOT_YET_VALID"],
    ["in the window", {}, ms(deadline, -1), "IN_TEST_WINDOW"],
    ["deemed at the deadline", {}, deadline, "ACCEPTED_DEEMED"],
    ["accepted explicitly", { explicitAcceptedAt: sh("2025-10-09T10:00:00") }, sh("2025-10-09T10:00:00"), "ACCEPTED_EXPLICIT"],
    ["objection open in the window", { objections: [{ raisedAt: sh("2025-10-09T10:00:00") }] }, sh("2025-10-09T11:00:00"), "OBJECTED"],
    ["objection open after the deadline", { objections: [{ raisedAt: sh("2025-10-09T10:00:00") }] }, sh("2025-10-20T00:00:00"), "OBJECTED"],
    [
      "objection settled by consultation, window over",
      { objections: [{ raisedAt: sh("2025-10-09T10:00:00"), resolvedAt: sh("2025-10-10T10:00:00"), resolution: "CONSULTATION" }] },
      sh("2025-10-20T00:00:00"),
      "AWAITING_ACCEPTANCE",
    ],
    ["late objection does not undo deemed acceptance", { objections: [{ raisedAt: deadline }] }, ms(deadline, 1000), "ACCEPTED_DEEMED"],
    ["provisional deadline passed", { testWindowProvisional: true }, ms(deadline, 1000), "AWAITING_ACCEPTANCE"],
    ["suspended", { holdAt: sh("2025-10-01T10:00:00") }, sh("2025-10-02T10:00:00"), "SUSPENDED"],
    ["hold released", { holdAt: sh("2025-10-01T10:00:00"), holdReleasedAt: sh("2025-10-02T10:00:00") }, sh("2025-10-03T10:00:00"), "IN_TEST_WINDOW"],
    ["revoked", { revokedAt: sh("2025-10-02T10:00:00"), revocationReason: "KEY_COMPROMISE" }, sh("2025-10-02T10:00:00"), "REVOKED"],
    ["suspended then revoked", { holdAt: sh("2025-10-01T10:00:00"), revokedAt: sh("2025-10-02T10:00:00"), revocationReason: "KEY_COMPROMISE" }, sh("2025-10-03T10:00:00"), "REVOKED"],
    ["superseded", { revokedAt: sh("2025-12-01T10:00:00"), revocationReason: "SUPERSEDED" }, sh("2025-12-02T10:00:00"), "SUPERSEDED"],
    ["valid at the notAfter instant (inclusive)", {}, sh("2026-09-29T10:00:00"), "ACCEPTED_DEEMED"],
    ["expired a millisecond later", {}, ms(sh("2026-09-29T10:00:00"), 1), "EXPIRED"],
    ["revoked outranks expired", { revokedAt: sh("2025-12-01T10:00:00"), revocationReason: "CESSATION_OF_OPERATION" }, sh("2027-01-01T00:00:00"), "REVOKED"],
  ])("%s", (_name, facts, now, expected) => {
    expect(status(facts, now)).toBe(expected);
  });

  it("says why acceptance is pending and when/how it was accepted", () => {
    expect(deriveCertificateState({ ...base, testWindowProvisional: true }, ms(deadline, 1)).awaiting).toBe("CALENDAR_CONFIRMATION");
    expect(deriveCertificateState(base, deadline).acceptance).toEqual({ kind: "DEEMED", at: deadline });
    // Explicit acceptance after the deadline comes too late to change how it was accepted.
    const later = sh("2025-10-12T10:00:00");
    expect(deriveCertificateState({ ...base, explicitAcceptedAt: later }, later).acceptance).toEqual({ kind: "DEEMED", at: deadline });
  });

  it("is usable (OCSP good) in the test window, not when suspended, revoked or expired", () => {
    expect(deriveCertificateState(base, ms(deadline, -1)).usable).toBe(true);
    expect(deriveCertificateState({ ...base, holdAt: receiptAt }, ms(receiptAt, 1)).usable).toBe(false);
    expect(deriveCertificateState({ ...base, revokedAt: receiptAt, revocationReason: "UNSPECIFIED" }, receiptAt).usable).toBe(false);
    expect(deriveCertificateState(base, sh("2027-01-01T00:00:00")).usable).toBe(false);
  });

  it("maps to the coarse stored status", () => {
    expect(storedStatusOf("IN_TEST_WINDOW")).toBe("ISSUED");
    expect(storedStatusOf("ACCEPTED_DEEMED")).toBe("ACTIVE");
    expect(storedStatusOf("SUPERSEDED")).toBe("REVOKED");
  });
});

describe("checkCertificateAction", () => {
  const inWindow = sh("2025-10-09T10:00:00");
  it.each<[string, Parameters<typeof checkCertificateAction>[0], Partial<CertificateFacts>, Date, object]>([
    ["accept in window", "ACCEPT", {}, inWindow, { ok: true }],
    ["accept before receipt", "ACCEPT", { receiptAt: null }, inWindow, { ok: false, code: "CERT_NOT_RECEIVED" }],
    ["accept twice", "ACCEPT", { explicitAcceptedAt: receiptAt }, inWindow, { ok: false, code: "CERT_ALREADY_ACCEPTED" }],
    ["accept after deemed", "ACCEPT", {}, deadline, { ok: false, code: "CERT_ALREADY_ACCEPTED" }],
    ["accept while suspended", "ACCEPT", { holdAt: receiptAt }, inWindow, { ok: false, code: "CERT_SUSPENDED" }],
    ["object in window", "OBJECT", {}, inWindow, { ok: true, late: false }],
    ["object at the deadline instant: late", "OBJECT", {}, deadline, { ok: true, late: true }],
    ["receipt twice", "RECORD_RECEIPT", {}, inWindow, { ok: false, code: "CERT_ALREADY_RECEIVED" }],
    ["suspend", "SUSPEND", {}, inWindow, { ok: true }],
    ["suspend twice", "SUSPEND", { holdAt: receiptAt }, inWindow, { ok: false, code: "CERT_ALREADY_SUSPENDED" }],
    ["release a hold", "RELEASE_HOLD", { holdAt: receiptAt }, inWindow, { ok: true }],
    ["release without hold", "RELEASE_HOLD", {}, inWindow, { ok: false, code: "CERT_NOT_SUSPENDED" }],
    ["revoke while suspended", "REVOKE", { holdAt: receiptAt }, inWindow, { ok: true }],
    ["revoke twice", "REVOKE", { revokedAt: receiptAt, revocationReason: "KEY_COMPROMISE" }, inWindow, { ok: false, code: "CERT_REVOKED" }],
    ["suspend an expired one", "SUSPEND", {}, sh("2027-01-01T00:00:00"), { ok: false, code: "CERT_EXPIRED" }],
  ])("%s", (_name, action, facts, now, expected) => {
    expect(checkCertificateAction(action, { ...base, ...facts }, now)).toMatchObject(expected);
  });
});

describe("application transitions", () => {
  const ok = (from: ApplicationStatus, event: ApplicationEvent) => applicationTransition(from, event);

  it("follows DRAFT -> SUBMITTED -> NEEDS_INFO -> SUBMITTED -> APPROVED -> ISSUED", () => {
    const path: [ApplicationStatus, ApplicationEvent, ApplicationStatus][] = [
      ["DRAFT", "SUBMIT", "SUBMITTED"],
      ["SUBMITTED", "REQUEST_INFO", "NEEDS_INFO"],
      ["NEEDS_INFO", "RESUBMIT", "SUBMITTED"],
      ["SUBMITTED", "APPROVE", "APPROVED"],
      ["APPROVED", "ISSUE", "ISSUED"],
    ];
    for (const [from, event, to] of path) expect(ok(from, event)).toEqual({ ok: true, from, to });
  });

  it.each<[ApplicationStatus, ApplicationEvent]>([
    ["DRAFT", "APPROVE"],
    ["DRAFT", "ISSUE"],
    ["SUBMITTED", "RESUBMIT"],
    ["SUBMITTED", "ISSUE"],
    ["NEEDS_INFO", "APPROVE"],
    ["APPROVED", "REJECT"],
    ["REJECTED", "SUBMIT"],
    ["ISSUED", "CANCEL"],
    ["CANCELLED", "RESUBMIT"],
  ])("refuses %s --%s-->", (from, event) => {
    expect(ok(from, event)).toEqual({ ok: false, code: "APPLICATION_INVALID_TRANSITION", from, event });
  });

  it("refuses to issue while the fee is unpaid", () => {
    expect(applicationTransition("APPROVED", "ISSUE", { feeStatus: "UNPAID" })).toMatchObject({ ok: false, code: "APPLICATION_FEE_UNPAID" });
    expect(applicationTransition("APPROVED", "ISSUE", { feeStatus: "PAID" })).toMatchObject({ ok: true, to: "ISSUED" });
    expect(applicationTransition("APPROVED", "ISSUE", { feeStatus: "NOT_REQUIRED" })).toMatchObject({ ok: true });
  });

  it("terminal statuses allow nothing", () => {
    for (const s of ["REJECTED", "ISSUED", "CANCELLED"] as const) expect(applicationEventsFrom(s)).toEqual([]);
  });
});
