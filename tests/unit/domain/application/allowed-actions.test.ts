import { describe, expect, it } from "vitest";
import { allowedApplicationActions, APPLICATION_OFFERS, type ApplicationFacts, type ApplicationOffer } from "@/domain/application";

const base: ApplicationFacts = { status: "SUBMITTED", feeStatus: "UNPAID", keyGeneration: "CLIENT_CSR", hasCertificate: false };
const yes = { ok: true };
const no = (reason: string) => ({ ok: false, reason });

// step-ca style: ok/... rows say what a page may offer, fail/... rows what it must not, and the code why.
describe("allowedApplicationActions", () => {
  it.each<[string, ApplicationOffer, Partial<ApplicationFacts>, object]>([
    // The RA decision: approve and request information only from SUBMITTED; reject also from NEEDS_INFO.
    // Review waits for payment where the profile has a fee (clause 1.9, as the applicant is told).
    ["fail/approve submitted, fee unpaid", "approve", {}, no("REVIEW_AWAITS_PAYMENT")],
    ["ok/approve submitted, paid", "approve", { feeStatus: "PAID" }, yes],
    ["ok/approve submitted, no fee", "approve", { feeStatus: "NOT_REQUIRED" }, yes],
    ["fail/approve needs info, unpaid: the state answers first", "approve", { status: "NEEDS_INFO" }, no("INVALID_STATE_TRANSITION")],
    ["ok/reject submitted", "reject", {}, yes],
    ["ok/requestInfo submitted", "requestInfo", {}, yes],
    ["fail/approve needs info (the review page offered it)", "approve", { status: "NEEDS_INFO" }, no("INVALID_STATE_TRANSITION")],
    ["fail/requestInfo needs info already", "requestInfo", { status: "NEEDS_INFO" }, no("INVALID_STATE_TRANSITION")],
    ["ok/reject needs info", "reject", { status: "NEEDS_INFO" }, yes],
    ["fail/approve draft", "approve", { status: "DRAFT" }, no("INVALID_STATE_TRANSITION")],
    ["fail/reject approved", "reject", { status: "APPROVED" }, no("INVALID_STATE_TRANSITION")],
    ["fail/approve approved", "approve", { status: "APPROVED" }, no("INVALID_STATE_TRANSITION")],

    // The applicant's side.
    ["ok/submit draft", "submit", { status: "DRAFT" }, yes],
    ["fail/submit submitted", "submit", {}, no("INVALID_STATE_TRANSITION")],
    ["ok/resubmit needs info", "resubmit", { status: "NEEDS_INFO" }, yes],
    ["fail/resubmit submitted", "resubmit", {}, no("INVALID_STATE_TRANSITION")],
    ["ok/edit draft", "edit", { status: "DRAFT" }, yes],
    ["ok/edit needs info", "edit", { status: "NEEDS_INFO" }, yes],
    ["fail/edit submitted", "edit", {}, no("INVALID_STATE_TRANSITION")],
    ["ok/cancel approved", "cancel", { status: "APPROVED" }, yes],
    ["fail/cancel issued", "cancel", { status: "ISSUED" }, no("INVALID_STATE_TRANSITION")],
    ["fail/cancel rejected", "cancel", { status: "REJECTED" }, no("INVALID_STATE_TRANSITION")],

    // Issuance by an officer: approved, a client CSR, the fee settled, not issued yet.
    ["ok/issue approved and paid", "issue", { status: "APPROVED", feeStatus: "PAID" }, yes],
    ["ok/issue approved, no fee", "issue", { status: "APPROVED", feeStatus: "NOT_REQUIRED" }, yes],
    ["fail/issue approved, unpaid", "issue", { status: "APPROVED" }, no("APPLICATION_FEE_UNPAID")],
    ["fail/issue submitted", "issue", { feeStatus: "PAID" }, no("INVALID_STATE_TRANSITION")],
    ["fail/issue a server-made key", "issue", { status: "APPROVED", feeStatus: "PAID", keyGeneration: "SERVER_PKCS12" }, no("KEY_GENERATION_MISMATCH")],
    ["fail/issue a server-made key, unpaid: still not by the officer", "issue", { status: "APPROVED", keyGeneration: "SERVER_PKCS12" }, no("KEY_GENERATION_MISMATCH")],
    ["fail/issue with a certificate already", "issue", { status: "APPROVED", feeStatus: "PAID", hasCertificate: true }, no("INVALID_STATE_TRANSITION")],

    // The fee (clause 1.9): from submission until issuance, once.
    ["ok/recordPayment submitted", "recordPayment", {}, yes],
    ["ok/recordPayment needs info", "recordPayment", { status: "NEEDS_INFO" }, yes],
    ["ok/recordPayment approved", "recordPayment", { status: "APPROVED" }, yes],
    ["fail/recordPayment paid", "recordPayment", { feeStatus: "PAID" }, no("PAYMENT_NOT_DUE")],
    ["fail/recordPayment no fee", "recordPayment", { feeStatus: "NOT_REQUIRED" }, no("PAYMENT_NOT_DUE")],
    ["fail/recordPayment draft", "recordPayment", { status: "DRAFT" }, no("INVALID_STATE_TRANSITION")],
    ["fail/recordPayment cancelled", "recordPayment", { status: "CANCELLED" }, no("INVALID_STATE_TRANSITION")],
  ])("%s", (_name, offer, facts, expected) => {
    expect(allowedApplicationActions({ ...base, ...facts })[offer]).toEqual(expected);
  });

  it("a closed application allows nothing", () => {
    for (const status of ["REJECTED", "ISSUED", "CANCELLED"] as const) {
      const can = allowedApplicationActions({ ...base, status, feeStatus: "UNPAID" });
      expect(Object.keys(can).sort()).toEqual([...APPLICATION_OFFERS].sort());
      expect(Object.entries(can).filter(([, a]) => a.ok)).toEqual([]);
    }
  });
});
