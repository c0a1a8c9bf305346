import { createHash, randomBytes } from "node:crypto";
import { normaliseSerial } from "@/domain/certificate";
import { describe, expect, it } from "vitest";
import {
  allowedProblemReportActions,
  keyProofText,
  leadingZeroBits,
  meetsDifficulty,
  preliminaryClock,
  preliminaryDue,
  preliminaryOutcome,
  problemReportReference,
  proofOfWorkInput,
  revocationForReport,
  sameSerial,
  searchProofOfWork,
  sha256,
} from "@/domain/problem-report";

describe("serial numbers as reporters type them", () => {
  it.each([
    ["3A:F0:12", "3af012"],
    ["3a f0 12", "3af012"],
    ["0x003AF012", "3af012"],
    ["  00:3a-f0.12 ", "3af012"],
    ["00", "0"],
  ])("%s -> %s", (typed, canonical) => expect(normaliseSerial(typed)).toBe(canonical));

  it.each(["", "zz", "3a:f0:1g", "1".repeat(41), "x".repeat(201)])("refuses %j", (typed) => expect(normaliseSerial(typed)).toBeNull());

  it("matches a stored serial with its DER sign byte", () => {
    expect(sameSerial("00ff10", "FF:10")).toBe(true);
    expect(sameSerial("00ff10", "FF:11")).toBe(false);
  });

  it("the text to sign names the serial and the nonce", () => {
    expect(keyProofText("3af012", "kp1.n")).toBe("certificate-problem-report key-compromise serial=3af012 nonce=kp1.n");
  });
});

describe("proof-of-work", () => {
  it("counts leading zero bits", () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Uint8Array.from([0, 0x01]))).toBe(15);
    expect(leadingZeroBits(Uint8Array.from([0x40]))).toBe(1);
    expect(leadingZeroBits(new Uint8Array(4))).toBe(32);
    expect(meetsDifficulty(Uint8Array.from([0, 0x0f]), 12)).toBe(true);
    expect(meetsDifficulty(Uint8Array.from([0, 0x1f]), 12)).toBe(false);
  });

  it("the browser's SHA-256 gives node:crypto's answers (empty, one block, two blocks, 1 kB)", () => {
    for (const n of [0, 3, 55, 56, 63, 64, 65, 119, 1000]) {
      const bytes = randomBytes(n);
      expect(Buffer.from(sha256(bytes)).toString("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("what the browser finds, the server accepts", () => {
    const challenge = "pw1.abcdefghijklmnop.1800000000000.xyz";
    const nonce = searchProofOfWork(challenge, 12, 0, 1_000_000, sha256)!;
    expect(meetsDifficulty(createHash("sha256").update(proofOfWorkInput(challenge, nonce)).digest(), 12)).toBe(true);
    // Every nonce before it falls short: the search returns the first.
    expect(searchProofOfWork(challenge, 12, 0, Number(nonce), sha256)).toBeNull();
  });
});

describe("the 24-hour clock", () => {
  const received = new Date("2026-12-03T02:00:00Z");
  const due = preliminaryDue(received);
  it("runs in real hours from receipt", () => expect(due.toISOString()).toBe("2026-12-04T02:00:00.000Z"));
  it("ok, due soon in the last 4 hours, overdue after the instant", () => {
    expect(preliminaryClock(new Date("2026-12-03T21:59:59Z"), due).state).toBe("ok");
    expect(preliminaryClock(new Date("2026-12-03T22:00:01Z"), due)).toEqual({ state: "dueSoon", remainingMs: 4 * 3600_000 - 1000 });
    expect(preliminaryClock(due, due).state).toBe("dueSoon");
    expect(preliminaryClock(new Date(due.getTime() + 1), due)).toEqual({ state: "overdue", remainingMs: -1 });
  });
  it("met at the due instant, missed after", () => {
    expect(preliminaryOutcome(due, due)).toBe("met");
    expect(preliminaryOutcome(due, new Date(due.getTime() + 1))).toBe("missed");
  });
  it("the reference numbers the year of receipt in Beijing time", () => {
    expect(problemReportReference(123, new Date("2026-12-31T16:00:00Z"))).toBe("CPR-2027-000123");
    expect(problemReportReference(1234567, new Date("2026-12-31T15:59:59Z"))).toBe("CPR-2026-1234567");
  });
});

describe("outcomes", () => {
  it("the preliminary report first, once; then the outcome closes", () => {
    const unproven = { keyProof: null, certificateRevoked: false };
    expect(allowedProblemReportActions({ status: "RECEIVED", ...unproven })).toEqual({
      sendPreliminary: { ok: true },
      decide: { ok: false, reason: "PROBLEM_REPORT_PRELIMINARY_FIRST" },
      revoke: { ok: false, reason: "PROBLEM_REPORT_PRELIMINARY_FIRST" },
    });
    expect(allowedProblemReportActions({ status: "PRELIMINARY_SENT", keyProof: "SIGNATURE", certificateRevoked: false })).toEqual({ sendPreliminary: { ok: false, reason: "PROBLEM_REPORT_PRELIMINARY_SENT" }, decide: { ok: true }, revoke: { ok: true } });
    expect(allowedProblemReportActions({ status: "CLOSED", keyProof: "SIGNATURE", certificateRevoked: true }).revoke).toEqual({ ok: false, reason: "PROBLEM_REPORT_CLOSED" });
  });
  it("the officer revokes alone only on a key compromise the system verified; otherwise after the CA's dual-controlled revocation", () => {
    expect(allowedProblemReportActions({ status: "PRELIMINARY_SENT", keyProof: null, certificateRevoked: false })).toMatchObject({ decide: { ok: true }, revoke: { ok: false, reason: "PROBLEM_REPORT_REVOCATION_BY_CA" } });
    expect(allowedProblemReportActions({ status: "PRELIMINARY_SENT", keyProof: "PRIVATE_KEY", certificateRevoked: false }).revoke).toEqual({ ok: true });
    expect(allowedProblemReportActions({ status: "PRELIMINARY_SENT", keyProof: null, certificateRevoked: true }).revoke).toEqual({ ok: true });
  });
  it("each category maps to its clause 3 ground and RFC 5280 reason", () => {
    expect(revocationForReport("KEY_COMPROMISE")).toEqual({ ok: true, ground: "KEY_COMPROMISED", clauseItem: 2, reason: "KEY_COMPROMISE" });
    expect(revocationForReport("MISUSE")).toEqual({ ok: true, ground: "USE_OUTSIDE_PURPOSE", clauseItem: 3, reason: "PRIVILEGE_WITHDRAWN" });
    expect(revocationForReport("FRAUD")).toMatchObject({ ground: "FALSE_APPLICATION_DATA", clauseItem: 1 });
    expect(revocationForReport("ILLEGAL_CONTENT")).toMatchObject({ ground: "BREACH_OF_OBLIGATIONS", clauseItem: 4 });
    expect(revocationForReport("OTHER")).toMatchObject({ ground: "OTHER_HARM_OR_LAW", reason: "UNSPECIFIED" });
    expect(revocationForReport("KEY_COMPROMISE", "USE_OUTSIDE_PURPOSE")).toEqual({ ok: false, code: "PROBLEM_REPORT_GROUND_NOT_FOR_CATEGORY" });
    expect(revocationForReport("MISUSE", "USE_OUTSIDE_PURPOSE", "KEY_COMPROMISE")).toMatchObject({ ok: false, code: "REVOCATION_REASON_NOT_FOR_GROUND" });
  });
});
