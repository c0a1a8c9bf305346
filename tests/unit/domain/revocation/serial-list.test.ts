import { describe, expect, it } from "vitest";
import { normaliseSerial, storedSerialForms } from "@/domain/certificate";
import { MAX_BATCH_SERIAL_LINES, parseSerialList } from "@/domain/revocation";

describe("a pasted serial list (batch revocation)", () => {
  it("reads serials as tools print them, once each, and lists back what is no serial", () => {
    const r = parseSerialList("0x7A:BC:01\n 7abc01 \n\n00FF; ff,12 34\nnot-hex\n" + "1".repeat(41));
    expect(r).toEqual({ ok: true, list: { serials: ["7abc01", "ff", "1234"], invalid: ["not-hex", "1".repeat(41)], lines: 7 } });
  });

  it("refuses an empty list and one longer than the bound", () => {
    expect(parseSerialList(" \n\n")).toEqual({ ok: false, reason: "EMPTY" });
    expect(parseSerialList("1\n".repeat(MAX_BATCH_SERIAL_LINES)).ok).toBe(true);
    expect(parseSerialList("1\n".repeat(MAX_BATCH_SERIAL_LINES + 1))).toEqual({ ok: false, reason: "TOO_MANY_LINES" });
  });

  it("normalises one serial, refusing hostile lengths, and knows the stored forms (sign byte, odd length)", () => {
    // The same reading as the public query and problem reports: hyphens separate octets there too.
    expect(normaliseSerial("0000")).toBe("0");
    expect(normaliseSerial("x".repeat(500))).toBeNull();
    expect(normaliseSerial("12-34")).toBe("1234");
    expect(storedSerialForms("abc")).toEqual(["abc", "0abc", "00abc"]);
  });
});
