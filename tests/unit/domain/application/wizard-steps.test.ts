import { describe, expect, it } from "vitest";
import { APPLY_DECLARATIONS, allowedApplicationAction, openStep, resumeStep, type ApplicationStatus } from "@/domain/application";

const all = [...APPLY_DECLARATIONS];

describe("resumeStep: where a stored draft opens", () => {
  it.each([
    ["no progress saved: the first step of a draft", null, "documents"],
    ["the saved step", { step: "fee", declarations: all, feeAcknowledged: false }, "fee"],
    ["back at step 2: there", { step: "identity", declarations: [], feeAcknowledged: false }, "identity"],
    ["the key step without every declaration: the declarations", { step: "key", declarations: all.slice(1), feeAcknowledged: true }, "declarations"],
    ["the submit step without the fee acknowledged: the fee", { step: "submit", declarations: all, feeAcknowledged: false }, "fee"],
    ["the submit step with everything: submit", { step: "submit", declarations: all, feeAcknowledged: true }, "submit"],
  ] as const)("%s", (_name, progress, expected) => {
    expect(resumeStep(progress && { ...progress, declarations: [...progress.declarations] })).toBe(expected);
  });
});

describe("openStep: the step an address names, held to the same gates", () => {
  it.each([
    ["no step in the address: where the draft resumes", null, { step: "fee", declarations: all, feeAcknowledged: false }, "fee"],
    ["Back to step 2 from a later step: step 2", "identity", { step: "key", declarations: all, feeAcknowledged: true }, "identity"],
    ["Forward to a step whose ticks are held: there", "submit", { step: "fee", declarations: all, feeAcknowledged: true }, "submit"],
    ["a typed address past unticked declarations: the declarations", "submit", { step: "documents", declarations: [], feeAcknowledged: false }, "declarations"],
    ["a typed address past an unacknowledged fee: the fee", "key", { step: "fee", declarations: all, feeAcknowledged: false }, "fee"],
    ["no progress stored and a late step asked: the declarations", "submit", null, "declarations"],
  ] as const)("%s", (_name, asked, progress, expected) => {
    expect(openStep(asked, progress && { ...progress, declarations: [...progress.declarations] })).toBe(expected);
  });
});

describe("discardDraft: only a draft is deleted as one", () => {
  const facts = (status: ApplicationStatus) => ({ status, feeStatus: "NOT_REQUIRED" as const, keyGeneration: "CLIENT_CSR" as const, hasCertificate: false });
  it("allows a draft", () => expect(allowedApplicationAction("discardDraft", facts("DRAFT"))).toEqual({ ok: true }));
  it.each<ApplicationStatus>(["SUBMITTED", "NEEDS_INFO", "APPROVED", "REJECTED", "ISSUED", "CANCELLED"])("refuses %s", (status) =>
    expect(allowedApplicationAction("discardDraft", facts(status))).toEqual({ ok: false, reason: "INVALID_STATE_TRANSITION" }),
  );
});
