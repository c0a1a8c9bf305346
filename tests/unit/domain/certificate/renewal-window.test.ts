import { describe, expect, it } from "vitest";
import {
  DEFAULT_RENEWAL_WINDOW,
  allowedCertificateAction,
  allowedCertificateActions,
  carriedOverMs,
  renewalWindowOf,
  type CertificateActionFacts,
} from "@/domain/certificate";

const DAY = 86_400_000;
const sh = (local: string) => new Date(`${local}+08:00`);
const plus = (d: Date, days: number, ms = 0) => new Date(d.getTime() + days * DAY + ms);

// Issued 2025-09-29 for a year, received the next day, deemed accepted when the test window closed.
const notAfter = sh("2026-09-29T10:00:00");
const accepted: CertificateActionFacts = {
  notBefore: sh("2025-09-29T10:00:00"),
  notAfter,
  receiptAt: sh("2025-09-30T09:00:00"),
  testWindowDeadline: sh("2025-10-11T00:00:00"),
  testWindowProvisional: false,
  explicitAcceptedAt: null,
  objections: [],
  holdAt: null,
  revokedAt: null,
  revocationReason: null,
  supersededById: null,
  hasApplication: true,
  renewalWindow: DEFAULT_RENEWAL_WINDOW,
};
const opensAt = plus(notAfter, -90);
const closesAt = plus(notAfter, 365);

describe("the renewal window (default: 90 days before notAfter until 365 days after)", () => {
  it.each<[string, Partial<CertificateActionFacts>, Date, object]>([
    ["fail/too early: a day before it opens, with the opening date", {}, plus(opensAt, -1), { ok: false, reason: "CERT_RENEWAL_TOO_EARLY", at: opensAt }],
    ["fail/too early: a millisecond before it opens", {}, plus(opensAt, 0, -1), { ok: false, reason: "CERT_RENEWAL_TOO_EARLY", at: opensAt }],
    ["ok/the instant it opens, until the window's end", {}, opensAt, { ok: true, until: closesAt }],
    ["ok/inside, before expiry", {}, plus(notAfter, -10), { ok: true, until: closesAt }],
    ["ok/expired 30 days ago", {}, plus(notAfter, 30), { ok: true, until: closesAt }],
    ["ok/expired exactly 365 days ago", {}, closesAt, { ok: true, until: closesAt }],
    ["fail/too late: expired 366 days ago, with the closing date", {}, plus(notAfter, 366), { ok: false, reason: "CERT_RENEWAL_TOO_LATE", at: closesAt }],
    ["fail/too late: a millisecond after it closed", {}, plus(closesAt, 0, 1), { ok: false, reason: "CERT_RENEWAL_TOO_LATE", at: closesAt }],
    // The state comes first: a window open in time does not make an unfit certificate renewable.
    ["fail/superseded inside the window", { supersededById: "3f0e0c6e-0000-4000-8000-000000000001", revokedAt: plus(notAfter, -20), revocationReason: "SUPERSEDED" }, plus(notAfter, -10), { ok: false, reason: "CERT_NOT_RENEWABLE" }],
    ["fail/replaced after it expired", { supersededById: "3f0e0c6e-0000-4000-8000-000000000001" }, plus(notAfter, 10), { ok: false, reason: "CERT_NOT_RENEWABLE" }],
    ["fail/revoked inside the window", { revokedAt: plus(notAfter, -20), revocationReason: "KEY_COMPROMISE" }, plus(notAfter, -10), { ok: false, reason: "CERT_NOT_RENEWABLE" }],
    ["fail/suspended when it expired", { holdAt: plus(notAfter, -5) }, plus(notAfter, 10), { ok: false, reason: "CERT_NOT_RENEWABLE" }],
    ["fail/never received before it expired", { receiptAt: null, testWindowDeadline: null }, plus(notAfter, 10), { ok: false, reason: "CERT_NOT_RENEWABLE" }],
    ["fail/too early and still in the test window: the state is named", {}, sh("2025-10-01T10:00:00"), { ok: false, reason: "CERT_NOT_RENEWABLE" }],
    // An open update notice (clause 4) opens the window early, without an end of its own (the notice's deadline rules)...
    ["ok/too early, but an update notice asks for it now", { updateOrdered: true }, plus(opensAt, -200), { ok: true }],
    ["ok/inside the window with an update notice: the window's end stays", { updateOrdered: true }, plus(notAfter, -10), { ok: true, until: closesAt }],
    // ...but never reopens a closed one, nor makes an unfit certificate renewable.
    ["fail/too late, even with an update notice", { updateOrdered: true }, plus(notAfter, 366), { ok: false, reason: "CERT_RENEWAL_TOO_LATE", at: closesAt }],
    ["fail/revoked, even with an update notice", { updateOrdered: true, revokedAt: plus(notAfter, -100), revocationReason: "KEY_COMPROMISE" }, plus(notAfter, -99), { ok: false, reason: "CERT_NOT_RENEWABLE" }],
  ])("%s", (_name, facts, now, expected) => {
    const all = allowedCertificateActions({ ...accepted, ...facts }, now);
    expect(all.renew).toEqual(expected);
    // Rekey follows the same window.
    expect(all.rekey).toEqual(expected);
  });

  it("a profile's own window: opens 30 days before, closes on the day of expiry", () => {
    const facts = { ...accepted, renewalWindow: { opensDaysBefore: 30, closesDaysAfter: 0, continuesValidity: false } };
    expect(allowedCertificateAction("renew", facts, plus(notAfter, -31))).toEqual({ ok: false, reason: "CERT_RENEWAL_TOO_EARLY", at: plus(notAfter, -30) });
    expect(allowedCertificateAction("renew", facts, notAfter)).toEqual({ ok: true, until: notAfter });
    expect(allowedCertificateAction("renew", facts, plus(notAfter, 0, 1))).toEqual({ ok: false, reason: "CERT_RENEWAL_TOO_LATE", at: notAfter });
  });

  it("without a window (a CA-ordered update) the state alone decides, and an expired certificate is not renewed", () => {
    const stateOnly: CertificateActionFacts = { ...accepted };
    delete stateOnly.renewalWindow;
    expect(allowedCertificateAction("rekey", stateOnly, plus(notAfter, -200))).toEqual({ ok: true });
    expect(allowedCertificateAction("rekey", stateOnly, plus(notAfter, 1))).toEqual({ ok: false, reason: "CERT_NOT_RENEWABLE" });
  });

  it("renewalWindowOf counts whole days from notAfter", () => {
    expect(renewalWindowOf(notAfter, DEFAULT_RENEWAL_WINDOW)).toEqual({ opensAt, closesAt });
  });
});

describe("validity carried over by a renewal (carriedOverMs)", () => {
  const continues = { ...DEFAULT_RENEWAL_WINDOW, continuesValidity: true };
  it("nothing unless the profile continues validity", () => {
    expect(carriedOverMs(notAfter, plus(notAfter, -30), DEFAULT_RENEWAL_WINDOW)).toBe(0);
  });
  it("the old certificate's remaining time when issued before it expires", () => {
    // notAfter is the last valid second: 30 days and that second.
    expect(carriedOverMs(notAfter, plus(notAfter, -30), continues)).toBe(30 * DAY + 1000);
  });
  it("nothing after expiry: the new certificate starts afresh", () => {
    expect(carriedOverMs(notAfter, plus(notAfter, 5), continues)).toBe(0);
    expect(carriedOverMs(notAfter, plus(notAfter, 0, 1000), continues)).toBe(0);
  });
  it("never more than the window's opening days", () => {
    expect(carriedOverMs(notAfter, plus(notAfter, -200), continues)).toBe(90 * DAY);
  });
});
