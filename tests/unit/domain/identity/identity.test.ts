import { describe, expect, it } from "vitest";
import {
  checkForeignPermanentResidentId,
  checkHkMacaoPermit,
  checkPassport,
  checkResidentId,
  checkTaiwanPermit,
  checkUscc,
  idDocumentSchema,
  organisationCodeCheckChar,
  residentIdCheckChar,
  residentIdSchema,
  usccCheckChar,
  usccSchema,
} from "@/domain/identity";

// Fixed examples checked by hand (weighted sums written out in the comments), so the tests do not
// merely compare the checksum function with itself.
// 11010519491231002X: the sample number of GB 11643; sum 167, 167 mod 11 = 2 -> "X".
// 440524188001010014: sum 195, 195 mod 11 = 8 -> "4".
const KNOWN_IDS = ["11010519491231002X", "440524188001010014"];
// 914403001922038216 (Huawei Technologies Co., Ltd.): sum 831, 831 mod 31 = 25, 31 - 25 = 6 -> "6";
//   organisation code 19220382-1: sum 164, 164 mod 11 = 10, 11 - 10 = 1.
// 9144030071526726XG (Shenzhen Tencent Computer Systems Co., Ltd.): sum 1782, mod 31 = 15,
//   31 - 15 = 16 -> "G"; organisation code 71526726-X: sum 199, mod 11 = 1, 11 - 1 = 10 -> "X".
const KNOWN_USCCS = ["914403001922038216", "9144030071526726XG"];

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const NOW = new Date("2025-06-01T00:00:00Z");

describe("resident ID (GB 11643)", () => {
  it("accepts the hand-checked examples and derives birth date and sex", () => {
    for (const id of KNOWN_IDS) expect(checkResidentId(id).ok).toBe(true);
    expect(checkResidentId("11010519491231002X")).toEqual({
      ok: true,
      value: "11010519491231002X",
      details: { regionCode: "110105", birthDate: "1949-12-31", sex: "F" },
    });
    expect(checkResidentId("440524188001010014")).toMatchObject({ ok: true, details: { birthDate: "1880-01-01", sex: "M" } });
  });

  it("agrees with the hand-computed check characters", () => {
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
    expect(residentIdCheckChar("44052418800101001")).toBe("4");
  });

  it.each([
    ["lower-case x and spaces are normalised", " 110105 19491231 002x ", true, undefined],
    ["leap day 2000", withCheck("11010520000229001"), true, undefined],
    ["male (odd sequence)", withCheck("31010419900101003"), true, undefined],
    ["wrong check character", "110105194912310021", false, "ID_CHECKSUM"],
    ["two digits swapped", "11010519491231020X", false, "ID_CHECKSUM"],
    ["17 digits", "11010519491231002", false, "ID_FORMAT"],
    ["letter inside", "1101051949123100AX", false, "ID_FORMAT"],
    ["legacy 15 digits", "110105491231002", false, "ID_LEGACY_15"],
    ["unknown province 99", withCheck("99010519491231002"), false, "ID_REGION"],
    ["province 00", withCheck("00010519491231002"), false, "ID_REGION"],
    ["February 30", withCheck("11010519900230001"), false, "ID_BIRTH_DATE"],
    ["1900-02-29 (not a leap year)", withCheck("11010519000229001"), false, "ID_BIRTH_DATE"],
    ["month 13", withCheck("11010519901301001"), false, "ID_BIRTH_DATE"],
    ["born 1799", withCheck("11010517991231001"), false, "ID_BIRTH_DATE"],
    ["born after now", withCheck("11010520250602001"), false, "ID_BIRTH_DATE_FUTURE"],
    ["born today in Shanghai (2025-06-01 08:00 +08)", withCheck("11010520250601001"), true, undefined],
    ["Hong Kong residence permit 810000", withCheck("81000019800101001"), true, undefined],
  ])("%s", (_name, id, ok, code) => {
    const r = checkResidentId(id, { now: NOW });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it("zod schema returns the normalised number or a message key", () => {
    expect(residentIdSchema({ now: NOW }).parse("11010519491231002x")).toBe("11010519491231002X");
    const bad = residentIdSchema().safeParse("110105194912310021");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ code: "custom", message: "ID_CHECKSUM", params: { code: "ID_CHECKSUM" } });
  });
});

describe("unified social credit code (GB 32100)", () => {
  it("accepts the hand-checked examples, with the embedded organisation code check too", () => {
    for (const c of KNOWN_USCCS) {
      expect(checkUscc(c).ok).toBe(true);
      expect(checkUscc(c, { checkOrganisationCode: true }).ok).toBe(true);
    }
    expect(usccCheckChar("91440300192203821")).toBe("6");
    expect(usccCheckChar("9144030071526726X")).toBe("G");
    expect(organisationCodeCheckChar("19220382")).toBe("1");
    expect(organisationCodeCheckChar("71526726")).toBe("X");
    expect(checkUscc("9144030071526726xg")).toMatchObject({
      ok: true,
      value: "9144030071526726XG",
      details: { registrationAuthority: "9", category: "1", regionCode: "440300", organisationCode: "71526726X" },
    });
  });

  it.each([
    ["wrong check character", "914403001922038217", "USCC_CHECKSUM"],
    ["two characters swapped", "914403001922038126", "USCC_CHECKSUM"],
    ["17 characters", "91440300192203821", "USCC_FORMAT"],
    ["19 characters", "9144030019220382161", "USCC_FORMAT"],
    ["punctuation", "91440300-922038216", "USCC_FORMAT"],
    ["letter O (not in the set)", "9144030O1922038216", "USCC_CHARSET"],
    ["letter I", "91440300I922038216", "USCC_CHARSET"],
    ["letter in the region part", "9144A3001922038216", "USCC_REGION"],
  ])("refuses: %s", (_name, code, expected) => {
    const r = checkUscc(code);
    expect(r).toEqual({ ok: false, code: expected });
  });

  it("refuses a code whose own checksum fits but whose organisation code does not, only when asked", () => {
    const first17 = "91440300192203822"; // organisation code check digit changed from 1 to 2
    const code = first17 + usccCheckChar(first17);
    expect(checkUscc(code).ok).toBe(true);
    expect(checkUscc(code, { checkOrganisationCode: true })).toEqual({ ok: false, code: "USCC_ORG_CODE_CHECKSUM" });
  });

  it("zod schema gives the message key", () => {
    const r = usccSchema().safeParse("914403001922038217");
    expect(r.error?.issues[0]?.message).toBe("USCC_CHECKSUM");
  });
});

describe("travel documents (shape only)", () => {
  it.each([
    [checkPassport, "E12345678", true],
    [checkPassport, "ea1234567", true],
    [checkPassport, "123", false],
    [checkPassport, "E1234567!", false],
    [checkHkMacaoPermit, "H12345678", true],
    [checkHkMacaoPermit, "M1234567890", true],
    [checkHkMacaoPermit, "X12345678", false],
    [checkHkMacaoPermit, "H1234567", false],
    [checkTaiwanPermit, "12345678", true],
    [checkTaiwanPermit, "1234567890(B)", true],
    [checkTaiwanPermit, "1234567", false],
    [checkForeignPermanentResidentId, "USA110078061234", true],
    [checkForeignPermanentResidentId, withCheck("93184019900101001"), true], // Shanghai, nationality 840
    [checkForeignPermanentResidentId, withCheck("99984019900101001"), false], // province 99
    [checkForeignPermanentResidentId, withCheck("93184019901301001"), false], // month 13
    [checkForeignPermanentResidentId, "US1100780612345", false],
  ] as const)("%o %s -> %s", (check, value, ok) => {
    expect(check(value).ok).toBe(ok);
  });

  it("idDocumentSchema checks by type and reports on the number path", () => {
    const schema = idDocumentSchema({ now: NOW });
    expect(schema.parse({ type: "RESIDENT_ID_CARD", number: "11010519491231002x" })).toEqual({
      type: "RESIDENT_ID_CARD",
      number: "11010519491231002X",
    });
    const r = schema.safeParse({ type: "HK_MACAO_PERMIT", number: "11010519491231002X" });
    expect(r.error?.issues[0]).toMatchObject({ path: ["number"], message: "HK_MACAO_PERMIT_FORMAT" });
    expect(schema.safeParse({ type: "OTHER", number: "AB-12" }).success).toBe(true);
    expect(schema.safeParse({ type: "DRIVING_LICENCE", number: "1" }).success).toBe(false);
  });
});
