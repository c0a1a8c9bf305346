import { normaliseIdNumber, type CheckResult } from "./result";

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * set (digits and upper-case letters without I, O, S, V, Z):
 *   1 registration authority, 1 organisation category, 6 region code (digits),
 *   9 organisation code (GB 11714, with its own check character), 1 check character (MOD 31).
 */
export type UsccCode =
  | "USCC_FORMAT" // not 18 characters of letters and digits
  | "USCC_CHARSET" // contains I, O, S, V or Z, which the code never uses
  | "USCC_REGION" // characters 3-8 are not digits
  | "USCC_CHECKSUM" // the last character does not match
  | "USCC_ORG_CODE_CHECKSUM"; // characters 9-17 fail the GB 11714 check (only when asked for)

export interface UsccDetails {
  registrationAuthority: string;
  category: string;
  regionCode: string;
  organisationCode: string;
}

export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** 3^i mod 31 for positions i = 0..16. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? "");
    if (v < 0) throw new RangeError("usccCheckChar: character outside the GB 32100 set");
    sum += v * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 organisation code check character for its 8 body characters (digits and A-Z). */
export function organisationCodeCheckChar(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = parseInt(body8[i] ?? "", 36);
    if (Number.isNaN(v)) throw new RangeError("organisationCodeCheckChar: invalid character");
    sum += v * weights[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/**
 * Checks a unified social credit code. The embedded GB 11714 organisation code is checked only
 * with `checkOrganisationCode`: real codes satisfy it, but the standard lets the registration
 * authority assign that part and a false refusal would block a genuine organisation.
 */
export function checkUscc(raw: string, opts: { checkOrganisationCode?: boolean } = {}): CheckResult<UsccCode, UsccDetails> {
  const code = normaliseIdNumber(raw);
  if (!/^[0-9A-Z]{18}$/.test(code)) return { ok: false, code: "USCC_FORMAT" };
  if (/[IOSVZ]/.test(code)) return { ok: false, code: "USCC_CHARSET" };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, code: "USCC_REGION" };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, code: "USCC_CHECKSUM" };
  if (opts.checkOrganisationCode && organisationCodeCheckChar(code.slice(8, 16)) !== code[16]) {
    return { ok: false, code: "USCC_ORG_CODE_CHECKSUM" };
  }
  return {
    ok: true,
    value: code,
    details: {
      registrationAuthority: code[0]!,
      category: code[1]!,
      regionCode: code.slice(2, 8),
      organisationCode: code.slice(8, 17),
    },
  };
}
