import { describe, expect, it } from "vitest";
import { summaryFieldEnum, summaryValueLabel } from "@/app/audit/_components/audit-summary-enums";
import { messagesFor } from "@/i18n/messages";
import { AUDIT_SUMMARY_ENUMS } from "@/server/core/audit-events";
import { PAYMENT_METHODS } from "@/server/ra/record-payment";
import { REPORT_CHANNELS } from "@/server/revocation/report-loss";

const zh = messagesFor("zh-CN").enums as Record<string, Record<string, string>>;
const en = messagesFor("en").enums as Record<string, Record<string, string>>;

describe("audit summary enum labels", () => {
  it("labels a shared value by the enum its field holds, not by the value alone", () => {
    const cert = { action: "revocation.hold-released", subjectType: "Certificate" };
    const ra = { action: "ra.retired", subjectType: "RegistrationAuthority" };
    expect(summaryValueLabel(zh, cert, "status", "ACTIVE")).toBe(zh.CertificateStatus!.ACTIVE);
    expect(summaryValueLabel(zh, ra, "status", "ACTIVE")).toBe(zh.RegistrationAuthorityStatus!.ACTIVE);
    expect(zh.CertificateStatus!.ACTIVE).not.toBe(zh.CaStatus!.ACTIVE);
  });

  it("tells APPLY as an agent scope from APPLY as an acceptance context", () => {
    const grant = { action: "organisation.agent-authorised", subjectType: "AgentAuthorisation" };
    const accept = { action: "agreement.accepted", subjectType: "AgreementAcceptance" };
    expect(summaryValueLabel(en, grant, "scope", "APPLY")).toBe(en.AgentScope!.APPLY);
    expect(summaryValueLabel(en, accept, "context", "APPLY")).toBe(en.AcceptanceContext!.APPLY);
  });

  it("reads a status of a revocation request differently from a certificate's", () => {
    expect(summaryFieldEnum({ action: "x", subjectType: "RevocationRequest" }, "status")).toBe("RevocationRequestStatus");
    expect(summaryFieldEnum({ action: "x", subjectType: "Certificate" }, "status")).toBe("CertificateStatus");
  });

  it("lets the action override the subject (from/to of a key-generation choice are not statuses)", () => {
    const ev = { action: "application.key-generation-chosen", subjectType: "Application" };
    expect(summaryFieldEnum(ev, "from")).toBe("KeyGeneration");
    expect(summaryFieldEnum({ action: "application.approved", subjectType: "Application" }, "from")).toBe("ApplicationStatus");
    expect(summaryValueLabel(en, ev, "to", "SERVER_PKCS12")).toBe(en.KeyGeneration!.SERVER_PKCS12);
    expect(summaryFieldEnum({ action: "application.document-attached", subjectType: "Application" }, "kind")).toBe("DocumentKind");
    expect(summaryFieldEnum({ action: "certificate.accepted", subjectType: "Certificate" }, "kind")).toBe("AcceptanceKind");
  });

  it("gives no label to unmapped fields or values outside the mapped enum", () => {
    const ev = { action: "application.payment-recorded", subjectType: "Application" };
    // The payment's reference is free text, even when it looks like a code.
    expect(summaryFieldEnum(ev, "reference")).toBeNull();
    expect(summaryValueLabel(en, ev, "reference", "CASH")).toBeNull();
    expect(summaryValueLabel(en, { action: "revocation.request-rejected", subjectType: "RevocationRequest" }, "reason", "NOT_A_REASON")).toBeNull();
    expect(summaryValueLabel(en, ev, null, "ACTIVE")).toBeNull();
    expect(summaryFieldEnum(ev, "toString")).toBeNull();
  });

  it("maps only to enums that have labels in both languages", () => {
    const fields = ["status", "previousStatus", "reason", "kind", "from", "to", "role", "roles", "scope", "method", "context", "ground", "resolution", "revocationReason", "confirmationMethod", "idDocumentType", "feeStatus", "keyGeneration", "subjectType", "profileKind", "channel"];
    const subjects = ["Application", "Certificate", "RevocationRequest", "Document", "RegistrationAuthority", "SupportRequest", "OrganisationMember", "AgreementAcceptance", "PrivacyRequest", "Objection", "AgentAuthorisation"];
    const actions = ["application.key-generation-chosen", "application.document-attached", "certificate.test-recorded", "certificate.accepted", "certificate.received-by-hand-over", "application.payment-recorded", "revocation.loss-reported", "x"];
    for (const subjectType of subjects) for (const action of actions) for (const f of fields) {
      const name = summaryFieldEnum({ action, subjectType }, f);
      if (name === null) continue;
      expect(zh[name], name).toBeDefined();
      expect(en[name], name).toBeDefined();
    }
  });

  it("reads a portal action's fields from the typed table only: a free-text reason is never taken for an enum", () => {
    const rejected = { action: "revocation.request-rejected", subjectType: "RevocationRequest" };
    expect(summaryFieldEnum(rejected, "kind")).toBe("RevocationRequestKind");
    expect(summaryValueLabel(en, rejected, "reason", "KEY_COMPROMISE")).toBeNull();
    // The same field of a row whose action is no longer written is still guessed from its subject.
    expect(summaryValueLabel(en, { action: "revocation.old-rejection", subjectType: "RevocationRequest" }, "reason", "KEY_COMPROMISE")).toBe(en.RevocationReason!.KEY_COMPROMISE);
  });

  it("names in the typed table only enums labelled in both languages", () => {
    for (const [action, fields] of Object.entries(AUDIT_SUMMARY_ENUMS)) {
      for (const [field, name] of Object.entries(fields as Record<string, string>)) {
        expect(zh[name], `${action}.${field}`).toBeDefined();
        expect(en[name], `${action}.${field}`).toBeDefined();
        expect(summaryFieldEnum({ action, subjectType: "anything" }, field)).toBe(name);
      }
    }
  });

  it("labels the value lists the server keeps in code: payment methods and loss-report channels", () => {
    for (const m of PAYMENT_METHODS) {
      expect(summaryValueLabel(zh, { action: "application.payment-recorded", subjectType: "Application" }, "method", m)).toBe(zh.PaymentMethod![m]);
      expect(en.PaymentMethod![m], m).toBeTruthy();
    }
    for (const c of REPORT_CHANNELS) {
      expect(summaryValueLabel(en, { action: "revocation.loss-reported", subjectType: "RevocationRequest" }, "channel", c)).toBe(en.ReportChannel![c]);
      expect(zh.ReportChannel![c], c).toBeTruthy();
    }
  });
});
