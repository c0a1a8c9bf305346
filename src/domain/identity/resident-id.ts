import { normaliseIdNumber, type CheckResult } from "./result";

/**
 * 18-digit citizen identity number, GB 11643-1999:
 *   6 digits address code (GB/T 2260 region), 8 digits date of birth (YYYYMMDD),
 *   3 digits sequence (odd = male, even = female), 1 check character (ISO 7064 MOD 11-2, 0-9 or X).
 * The same layout and checksum are used by residence permits for Hong Kong, Macao and Taiwan
 * residents (region 810000 / 820000 / 830000). The 2023 foreign permanent resident ID shares the
 * checksum but not the layout (see travel-documents.ts).
 */
export type ResidentIdCode =
  | "ID_FORMAT" // not 17 digits followed by a digit or X
  | "ID_LEGACY_15" // a first-generation 15-digit number, no longer valid since 2013
  | "ID_REGION" // the first two digits are not a province-level code
  | "ID_BIRTH_DATE" // digits 7-14 are not a calendar date from 1800 on
  | "ID_BIRTH_DATE_FUTURE" // the date of birth is after `now`
  | "ID_CHECKSUM"; // the check character does not match

export interface ResidentIdDetails {
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: "M" | "F";
}

/** ISO 7064 MOD 11-2 weights: 2^(17-i) mod 11 for positions i = 0..16 from the left. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/**
 * Province-level codes of GB/T 2260 (first two digits), plus 71 Taiwan, 81 Hong Kong, 82 Macao
 * and 83 (residence permits for Taiwan residents).
 */
const PROVINCE_CODES = new Set([
  "11", "12", "13", "14", "15",
  "21", "22", "23",
  "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46",
  "50", "51", "52", "53", "54",
  "61", "62", "63", "64", "65",
  "71", "81", "82", "83",
]);

/** The check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("residentIdCheckChar needs 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function isProvinceCode(twoDigits: string): boolean {
  return PROVINCE_CODES.has(twoDigits);
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/**
 * Checks an 18-digit resident ID. With `now`, a date of birth in the future is refused (compared
 * with the calendar date in China, UTC+8, where the number was issued).
 */
export function checkResidentId(raw: string, opts: { now?: Date } = {}): CheckResult<ResidentIdCode, ResidentIdDetails> {
  const id = normaliseIdNumber(raw);
  if (/^\d{15}$/.test(id)) return { ok: false, code: "ID_LEGACY_15" };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, code: "ID_FORMAT" };
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return { ok: false, code: "ID_REGION" };

  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1800 || !isCalendarDate(y, m, d)) return { ok: false, code: "ID_BIRTH_DATE" };
  const birthDate = id.slice(6, 10) + "-" + id.slice(10, 12) + "-" + id.slice(12, 14);
  if (opts.now) {
    const todayInChina = new Date(opts.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    if (birthDate > todayInChina) return { ok: false, code: "ID_BIRTH_DATE_FUTURE" };
  }

  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, code: "ID_CHECKSUM" };
  return {
    ok: true,
    value: id,
    details: { regionCode: id.slice(0, 6), birthDate, sex: Number(id[16]) % 2 === 1 ? "M" : "F" },
  };
}
