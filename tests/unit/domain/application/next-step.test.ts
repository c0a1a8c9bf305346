import { describe, expect, it } from "vitest";
import { applicationNextStep, awaitsReview, certificateNextStep, reviewExpectation, type NextStepFacts } from "@/domain/application";
import { createWorkCalendar } from "@/domain/calendar";

// 2026: a confirmed year with the National Day week (10-01..10-07 off, 09-27 and 10-10 make-up
// working days, as the State Council notice for 2026 has them for this test's purpose).
const calendar = createWorkCalendar({
  years: {
    2026: {
      confirmed: true,
      holidays: ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"],
      makeupWorkdays: ["2026-09-27", "2026-10-10"],
    },
    2027: { confirmed: true, holidays: [], makeupWorkdays: [] },
  },
});
const promise = { workingDays: 3, calendar };
/** A Shanghai wall-clock time as an instant. */
const bj = (local: string) => new Date(`${local}+08:00`);

const base: NextStepFacts = {
  status: "SUBMITTED",
  feeStatus: "NOT_REQUIRED",
  feeCents: 0,
  keyGeneration: "CLIENT_CSR",
  submittedAt: bj("2026-12-03T10:00:00"),
  paymentRecordedAt: null,
  certificate: null,
};

describe("reviewExpectation: working days on the statutory calendar", () => {
  it("counts from the day after submission and skips the weekend", () => {
    // Thursday 3 Dec: Fri 4, Mon 7, Tue 8 -> to the end of Tuesday 8 Dec.
    const r = reviewExpectation(bj("2026-12-03T10:00:00"), promise);
    expect(r).toMatchObject({ workingDays: 3, expectedBy: "2026-12-08", provisional: false });
    expect(r.endsAt.toISOString()).toBe(bj("2026-12-09T00:00:00").toISOString());
  });

  it("submitted late on Friday: the weekend does not count either", () => {
    expect(reviewExpectation(bj("2026-12-04T23:30:00"), promise).expectedBy).toBe("2026-12-09");
  });

  it("skips a statutory holiday and counts a make-up working day", () => {
    // Wed 30 Sep: 1-7 Oct are off, Thu 8, Fri 9, Sat 10 (make-up day) -> 10 Oct.
    expect(reviewExpectation(bj("2026-09-30T09:00:00"), promise).expectedBy).toBe("2026-10-10");
    // Sat 26 Sep: Sun 27 is a make-up working day, then Mon 28, Tue 29.
    expect(reviewExpectation(bj("2026-09-26T09:00:00"), promise).expectedBy).toBe("2026-09-29");
  });

  it("a year without a confirmed calendar makes the date provisional", () => {
    const unconfirmed = createWorkCalendar({ years: {} });
    expect(reviewExpectation(bj("2028-03-01T09:00:00"), { workingDays: 3, calendar: unconfirmed }).provisional).toBe(true);
  });
});

describe("applicationNextStep: what happens next and who acts", () => {
  const now = bj("2026-12-04T09:00:00");

  it("a draft is continued and a question answered by the applicant", () => {
    expect(applicationNextStep({ ...base, status: "DRAFT", submittedAt: null }, now)).toEqual({ step: "CONTINUE_DRAFT", actor: "APPLICANT" });
    expect(applicationNextStep({ ...base, status: "NEEDS_INFO" }, now)).toEqual({ step: "ANSWER_RA", actor: "APPLICANT" });
  });

  it("a fee due comes before review: the applicant pays, the RA waits (no calendar needed)", () => {
    const facts = { ...base, feeStatus: "UNPAID" as const, feeCents: 30_000 };
    expect(awaitsReview(facts)).toBe(false);
    expect(applicationNextStep(facts, now)).toEqual({ step: "PAY_FEE", actor: "APPLICANT", feeCents: 30_000 });
  });

  it("under review: the RA acts, expected by the third working day after submission", () => {
    expect(awaitsReview(base)).toBe(true);
    expect(applicationNextStep(base, now, promise)).toEqual({ step: "RA_REVIEW", actor: "RA", workingDays: 3, expectedBy: "2026-12-08", overdue: false, provisional: false });
    expect(() => applicationNextStep(base, now)).toThrow(/review promise/);
  });

  it("a paid application's review runs from the recorded payment, and says when it is overdue", () => {
    const paid = { ...base, feeStatus: "PAID" as const, feeCents: 30_000, paymentRecordedAt: bj("2026-12-07T15:00:00") };
    expect(applicationNextStep(paid, now, promise)).toMatchObject({ step: "RA_REVIEW", expectedBy: "2026-12-10", overdue: false });
    expect(applicationNextStep(paid, bj("2026-12-11T00:00:00"), promise)).toMatchObject({ step: "RA_REVIEW", overdue: true });
  });

  it("approved: the RA issues a CSR, the applicant sets a PKCS#12 password, an unpaid one pays first", () => {
    expect(applicationNextStep({ ...base, status: "APPROVED" }, now)).toEqual({ step: "RA_ISSUE", actor: "RA" });
    expect(applicationNextStep({ ...base, status: "APPROVED", keyGeneration: "SERVER_PKCS12" }, now)).toEqual({ step: "SET_PKCS12_PASSWORD", actor: "APPLICANT" });
    expect(applicationNextStep({ ...base, status: "APPROVED", feeStatus: "UNPAID", feeCents: 100 }, now)).toMatchObject({ step: "PAY_FEE" });
  });

  it("issued: the certificate's state decides (download, test until the deadline, then nothing)", () => {
    const cert = { id: "c1", status: "PENDING_DELIVERY" as const, testWindowDeadline: null, testWindowProvisional: false, awaiting: null };
    expect(applicationNextStep({ ...base, status: "ISSUED", certificate: cert }, now)).toEqual({ step: "DOWNLOAD", actor: "APPLICANT", certificateId: "c1" });
    const until = bj("2026-12-09T00:00:00");
    expect(applicationNextStep({ ...base, status: "ISSUED", certificate: { ...cert, status: "IN_TEST_WINDOW", testWindowDeadline: until } }, now)).toEqual({
      step: "TEST",
      actor: "APPLICANT",
      certificateId: "c1",
      until,
      provisional: false,
    });
    expect(applicationNextStep({ ...base, status: "ISSUED", certificate: { ...cert, status: "ACCEPTED_EXPLICIT" } }, now)).toBeNull();
  });

  it("closed applications have no next step", () => {
    for (const status of ["REJECTED", "CANCELLED"] as const) expect(applicationNextStep({ ...base, status }, now)).toBeNull();
  });
});

describe("certificateNextStep", () => {
  const c = { id: "c1", testWindowDeadline: null, testWindowProvisional: false, awaiting: null };
  it("an objection is the RA's, a settled one waits for the subscriber's acceptance, an unconfirmed calendar for the CA", () => {
    expect(certificateNextStep({ ...c, status: "OBJECTED" })).toMatchObject({ step: "RA_OBJECTION", actor: "RA" });
    expect(certificateNextStep({ ...c, status: "AWAITING_ACCEPTANCE", awaiting: "EXPLICIT_ACCEPTANCE_AFTER_OBJECTION" })).toMatchObject({ step: "ACCEPT", actor: "APPLICANT" });
    expect(certificateNextStep({ ...c, status: "AWAITING_ACCEPTANCE", awaiting: "CALENDAR_CONFIRMATION" })).toMatchObject({ step: "CALENDAR_CONFIRMATION", actor: "CA" });
    expect(certificateNextStep({ ...c, status: "REVOKED" })).toBeNull();
  });
});
