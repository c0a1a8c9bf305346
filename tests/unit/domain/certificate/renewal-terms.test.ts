import { describe, expect, it } from "vitest";
import { renewalTerms } from "@/domain/certificate";

const DAY = 86_400_000;
const now = new Date("2026-12-03T02:00:00Z");
const window = { opensDaysBefore: 90, closesDaysAfter: 365, continuesValidity: false };

describe("renewalTerms (issue 15: fee and new validity before the subscriber commits)", () => {
  it("says the profile's fee and validity, ending one validity period after issuance today", () => {
    const t = renewalTerms({ feeCents: 30_000, validityDays: 730, window, oldNotAfter: new Date(now.getTime() + 30 * DAY) }, now);
    expect(t).toEqual({ feeCents: 30_000, validityDays: 730, carriedOverDays: 0, endsAboutAt: new Date(now.getTime() + 730 * DAY) });
  });

  it("adds the old certificate's remaining days when the profile continues validity", () => {
    const oldNotAfter = new Date(now.getTime() + 30 * DAY - 1000);
    const t = renewalTerms({ feeCents: 0, validityDays: 365, window: { ...window, continuesValidity: true }, oldNotAfter }, now);
    expect(t.carriedOverDays).toBe(30);
    // The same end the issuance computes: the old notAfter plus one validity period.
    expect(t.endsAboutAt.getTime()).toBe(oldNotAfter.getTime() + 1000 + 365 * DAY);
  });

  it("carries nothing over after the old certificate expired", () => {
    const t = renewalTerms({ feeCents: 0, validityDays: 365, window: { ...window, continuesValidity: true }, oldNotAfter: new Date(now.getTime() - DAY) }, now);
    expect(t.carriedOverDays).toBe(0);
  });
});
