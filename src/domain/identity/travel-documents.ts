import { isCalendarDate, isProvinceCode, residentIdCheckChar } from "./resident-id";
import { normaliseIdNumber, type CheckResult } from "./result";

/**
 * Shape checks only: these documents carry no public checksum, so a number of the right shape can
 * still be wrong. The RA officer compares it with the uploaded scan.
 */
export type TravelDocumentCode =
  | "PASSPORT_FORMAT"
  | "HK_MACAO_PERMIT_FORMAT"
  | "TAIWAN_PERMIT_FORMAT"
  | "FOREIGN_PR_ID_FORMAT";

/**
 * Any country's passport: ICAO 9303 allows up to 9 characters in the machine-readable zone, with
 * an optional extension; a few countries print longer numbers. Letters and digits, 5 to 17.
 */
export function checkPassport(raw: string): CheckResult<"PASSPORT_FORMAT"> {
  const n = normaliseIdNumber(raw);
  return /^[A-Z0-9]{5,17}$/.test(n) ? { ok: true, value: n, details: undefined } : { ok: false, code: "PASSPORT_FORMAT" };
}

/**
 * 港澳居民来往内地通行证 (Mainland Travel Permit for Hong Kong and Macao Residents): H (Hong Kong)
 * or M (Macao) followed by 8 digits (cards since 2013) or 10 digits (older booklets and cards).
 */
export function checkHkMacaoPermit(raw: string): CheckResult<"HK_MACAO_PERMIT_FORMAT"> {
  const n = normaliseIdNumber(raw);
  return /^[HM](\d{8}|\d{10})$/.test(n)
    ? { ok: true, value: n, details: undefined }
    : { ok: false, code: "HK_MACAO_PERMIT_FORMAT" };
}

/**
 * 台湾居民来往大陆通行证 (Mainland Travel Permit for Taiwan Residents): 8 digits on the cards issued
 * since 2015; 10 digits, sometimes followed by a letter in brackets, on older ones (brackets are
 * dropped here).
 */
export function checkTaiwanPermit(raw: string): CheckResult<"TAIWAN_PERMIT_FORMAT"> {
  const n = normaliseIdNumber(raw).replace(/[()（）]/g, "");
  return /^(\d{8}|\d{10}[A-Z]?)$/.test(n)
    ? { ok: true, value: n, details: undefined }
    : { ok: false, code: "TAIWAN_PERMIT_FORMAT" };
}

/**
 * 外国人永久居留身份证: the 2017 card has 3 letters (nationality) and 12 digits. The 2023 card has
 * 18 digits: 9, the issuing province (2 digits), the nationality (3 digits), the date of birth
 * (8), a sequence (3) and the GB 11643 check character, which is checked.
 */
export function checkForeignPermanentResidentId(raw: string): CheckResult<"FOREIGN_PR_ID_FORMAT"> {
  const n = normaliseIdNumber(raw);
  if (/^[A-Z]{3}\d{12}$/.test(n)) return { ok: true, value: n, details: undefined };
  const ok =
    /^9\d{16}[\dX]$/.test(n) &&
    isProvinceCode(n.slice(1, 3)) &&
    Number(n.slice(6, 10)) >= 1800 &&
    isCalendarDate(Number(n.slice(6, 10)), Number(n.slice(10, 12)), Number(n.slice(12, 14))) &&
    residentIdCheckChar(n.slice(0, 17)) === n[17];
  return ok ? { ok: true, value: n, details: undefined } : { ok: false, code: "FOREIGN_PR_ID_FORMAT" };
}
