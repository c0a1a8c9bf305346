import { describe, expect, it } from "vitest";
import { checkResidentId, identityKey, namesDiffer, normaliseDocumentNumber } from "@/domain/identity";

// 110101199003070011 and 11010119900307002X carry valid GB 11643 check characters (MOD 11-2).
describe("normaliseDocumentNumber", () => {
  it("folds full-width digits and letters, spaces of every kind, hyphens and a lower-case check letter", () => {
    expect(normaliseDocumentNumber("110101 19900307 001１")).toBe("110101199003070011");
    expect(normaliseDocumentNumber("１１０１０１１９９００３０７００１１")).toBe("110101199003070011");
    expect(normaliseDocumentNumber(" 110101-19900307-002x ")).toBe("11010119900307002X");
    expect(normaliseDocumentNumber("110101\u300019900307\u00A0002ｘ")).toBe("11010119900307002X");
    expect(normaliseDocumentNumber("110101—19900307－002X\t\n")).toBe("11010119900307002X");
    expect(normaliseDocumentNumber("91440300-19220382-16")).toBe("914403001922038216");
  });

  it("keeps what tells numbers apart: a different digit is a different number", () => {
    expect(normaliseDocumentNumber("110101199003070011")).not.toBe(normaliseDocumentNumber("110101199003070021"));
    expect(normaliseDocumentNumber("E12345678")).toBe("E12345678");
  });

  it("answers null for nothing and for hostile lengths, without throwing", () => {
    expect(normaliseDocumentNumber("")).toBeNull();
    expect(normaliseDocumentNumber(" \u3000 - ")).toBeNull();
    expect(normaliseDocumentNumber("1".repeat(65))).toBeNull();
    expect(normaliseDocumentNumber("1".repeat(1_000_000))).toBeNull();
    // Spaces do not count against the limit: 64 digits spread over 200 characters is still 64 digits.
    expect(normaliseDocumentNumber("1 ".repeat(64) + "   ")).toBe("1".repeat(64));
    expect(normaliseDocumentNumber("<script>alert(1)</script>")).toBe("<SCRIPT>ALERT(1)</SCRIPT>");
  });
});

describe("identityKey", () => {
  it("is one key for one person however the number was typed", () => {
    const a = identityKey({ kind: "PERSON", documentNumber: "110101199003070011" });
    expect(a).toBe("P:110101199003070011");
    expect(identityKey({ kind: "PERSON", documentNumber: "110101 19900307 001１" })).toBe(a);
  });

  it("never takes a person for an organisation with the same characters", () => {
    expect(identityKey({ kind: "ORGANISATION", creditCode: "914403001922038216" })).toBe("O:914403001922038216");
    expect(identityKey({ kind: "PERSON", documentNumber: "914403001922038216" })).not.toBe(identityKey({ kind: "ORGANISATION", creditCode: "914403001922038216" }));
  });

  it("is null when there is no number", () => {
    expect(identityKey({ kind: "PERSON", documentNumber: "   " })).toBeNull();
  });
});

describe("normaliseIdNumber through the resident ID check", () => {
  it("accepts a number typed with a full-width digit, stored half-width", () => {
    expect(checkResidentId("110101 19900307 001１")).toMatchObject({ ok: true, value: "110101199003070011" });
  });
});

describe("namesDiffer (issue 15: the same number under another name)", () => {
  it("takes spaces, middle dots, full-width forms and case for the same name", () => {
    expect(namesDiffer("张三", "张 三")).toBe(false);
    expect(namesDiffer("张三", "张\u3000三")).toBe(false);
    expect(namesDiffer("阿依古丽·买买提", "阿依古丽买买提")).toBe(false);
    expect(namesDiffer("MARY SMITH", "Ｍａｒｙ Smith")).toBe(false);
  });
  it("says a different name differs", () => {
    expect(namesDiffer("张三", "王五")).toBe(true);
    expect(namesDiffer("张三", "张三丰")).toBe(true);
  });
});
