import { describe, expect, it } from "vitest";
import { createWorkCalendar } from "@/domain/calendar";
import { MISSED_UPDATE_GROUND, MISSED_UPDATE_REASON, allowedUpdateTargetActions, deadlineStep, updateReminderAt, updateTargetState } from "@/domain/update-notice";

// A year with one holiday week on weekdays and one make-up Saturday (调休).
const calendar = createWorkCalendar({
  years: { 2026: { confirmed: true, holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"], makeupWorkdays: ["2026-10-10"] } },
});
const at = (s: string) => new Date(s);

describe("update-notice deadline policy (clause 4)", () => {
  it("reminds at 09:00 Beijing N working days before the deadline's date, skipping weekends and holidays, counting make-up days", () => {
    // Friday 2026-03-13 18:00 Beijing -> Tue 10, Wed 11, Thu 12 -> Tuesday 09:00 Beijing.
    expect(updateReminderAt(at("2026-03-13T10:00:00Z"), calendar).toISOString()).toBe("2026-03-10T01:00:00.000Z");
    // Monday 2026-03-16 -> Wed 11, Thu 12, Fri 13 (the weekend does not count).
    expect(updateReminderAt(at("2026-03-16T02:00:00Z"), calendar).toISOString()).toBe("2026-03-11T01:00:00.000Z");
    // Monday 2026-10-12 -> Sat 10 (make-up), Fri 9, Thu 8; 1-7 October off.
    expect(updateReminderAt(at("2026-10-12T02:00:00Z"), calendar).toISOString()).toBe("2026-10-08T01:00:00.000Z");
    // Thursday 2026-10-08: 1-7 October are off, so Wed 30 Sep, Tue 29, Mon 28.
    expect(updateReminderAt(at("2026-10-08T02:00:00Z"), calendar).toISOString()).toBe("2026-09-28T01:00:00.000Z");
    // A deadline just after midnight Beijing belongs to that Beijing date.
    expect(updateReminderAt(at("2026-03-12T16:30:00Z"), calendar).toISOString()).toBe("2026-03-10T01:00:00.000Z");
  });

  it("reminds once, only inside the window and only if ordered before it; lapses only REVOKE notices", () => {
    const reminderAt = at("2026-03-10T01:00:00Z");
    const n = { createdAt: at("2026-03-01T00:00:00Z"), deadline: at("2026-03-13T10:00:00Z"), consequence: "REVOKE" as const, remindedAt: null };
    expect(deadlineStep(n, reminderAt, at("2026-03-10T00:59:59Z"))).toBe("wait");
    expect(deadlineStep(n, reminderAt, reminderAt)).toBe("remind");
    expect(deadlineStep({ ...n, remindedAt: reminderAt }, reminderAt, at("2026-03-11T00:00:00Z"))).toBe("wait");
    expect(deadlineStep({ ...n, createdAt: at("2026-03-10T02:00:00Z") }, reminderAt, at("2026-03-10T03:00:00Z"))).toBe("wait");
    expect(deadlineStep(n, reminderAt, n.deadline)).toBe("lapse");
    expect(deadlineStep({ ...n, consequence: "NO_ACTION" }, reminderAt, n.deadline)).toBe("done");
  });

  it("revokes a missed update on clause 3 (5) as superseded, never as a key compromise", () => {
    expect(MISSED_UPDATE_GROUND).toBe("OTHER_HARM_OR_LAW");
    expect(MISSED_UPDATE_REASON).toBe("SUPERSEDED");
  });

  it("says what each named certificate is and whether its update can start", () => {
    const now = at("2026-03-05T00:00:00Z");
    const base = { resolvedAt: null, lapsedAt: null, certificateRevokedAt: null, certificateNotAfter: at("2027-01-01T00:00:00Z"), rekey: { ok: true } as const };
    expect(updateTargetState(base, now)).toBe("OPEN");
    expect(allowedUpdateTargetActions(base, now).startUpdate).toEqual({ ok: true });
    expect(allowedUpdateTargetActions({ ...base, rekey: { ok: false, reason: "CERT_NOT_RENEWABLE" } }, now).startUpdate).toEqual({ ok: false, reason: "CERT_NOT_RENEWABLE" });
    expect(updateTargetState({ ...base, resolvedAt: now, certificateRevokedAt: now }, now)).toBe("UPDATED");
    expect(allowedUpdateTargetActions({ ...base, resolvedAt: now }, now).startUpdate).toEqual({ ok: false, reason: "UPDATE_TARGET_UPDATED" });
    expect(updateTargetState({ ...base, lapsedAt: now, certificateRevokedAt: now }, now)).toBe("REVOKED_AT_DEADLINE");
    expect(updateTargetState({ ...base, certificateRevokedAt: now }, now)).toBe("ENDED");
    expect(updateTargetState({ ...base, certificateNotAfter: now }, now)).toBe("ENDED");
    expect(allowedUpdateTargetActions({ ...base, certificateNotAfter: now }, now).startUpdate).toEqual({ ok: false, reason: "UPDATE_TARGET_ENDED" });
  });
});
