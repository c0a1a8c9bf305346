import { z } from "zod";
import { checkResidentId } from "./resident-id";
import { checkUscc } from "./uscc";
import { checkForeignPermanentResidentId, checkHkMacaoPermit, checkPassport, checkTaiwanPermit } from "./travel-documents";
import { normaliseIdNumber } from "./result";

/**
 * Zod schemas shared by server input validation and forms. An issue's `message` is a message KEY
 * (e.g. "ID_CHECKSUM"), repeated in `params.code`; the UI translates it. The output is the
 * normalised number (upper case, no spaces).
 */

/** Mirrors the Prisma enum IdDocumentType. */
export const ID_DOCUMENT_TYPES = [
  "RESIDENT_ID_CARD",
  "PASSPORT",
  "HK_MACAO_PERMIT",
  "TAIWAN_PERMIT",
  "FOREIGN_PERMANENT_RESIDENT_ID",
  "OTHER",
] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

type Check = (value: string) => { ok: true; value: string } | { ok: false; code: string };

function checkedString(check: Check) {
  return z
    .string()
    .transform((raw, ctx) => {
      const result = check(raw);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.code, params: { code: result.code } });
        return z.NEVER;
      }
      return result.value;
    });
}

/** `now` refuses a future date of birth; omit it only where no clock is at hand (e.g. a form hint). */
export const residentIdSchema = (opts: { now?: Date } = {}) => checkedString((v) => checkResidentId(v, opts));
export const usccSchema = (opts: { checkOrganisationCode?: boolean } = {}) => checkedString((v) => checkUscc(v, opts));
export const passportSchema = checkedString(checkPassport);
export const hkMacaoPermitSchema = checkedString(checkHkMacaoPermit);
export const taiwanPermitSchema = checkedString(checkTaiwanPermit);

/** Checks `number` by the rule of its `type`; OTHER accepts any 1-40 visible characters. */
export function checkIdDocument(type: IdDocumentType, raw: string, opts: { now?: Date } = {}) {
  switch (type) {
    case "RESIDENT_ID_CARD":
      return checkResidentId(raw, opts);
    case "PASSPORT":
      return checkPassport(raw);
    case "HK_MACAO_PERMIT":
      return checkHkMacaoPermit(raw);
    case "TAIWAN_PERMIT":
      return checkTaiwanPermit(raw);
    case "FOREIGN_PERMANENT_RESIDENT_ID":
      return checkForeignPermanentResidentId(raw);
    case "OTHER": {
      const n = normaliseIdNumber(raw);
      return n.length >= 1 && n.length <= 40
        ? ({ ok: true, value: n, details: undefined } as const)
        : ({ ok: false, code: "ID_DOCUMENT_FORMAT" } as const);
    }
  }
}

/** `{ type, number }` with the number checked by its type; the issue sits on the `number` path. */
export const idDocumentSchema = (opts: { now?: Date } = {}) =>
  z
    .object({ type: z.enum(ID_DOCUMENT_TYPES), number: z.string() })
    .transform((doc, ctx) => {
      const result = checkIdDocument(doc.type, doc.number, opts);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", path: ["number"], message: result.code, params: { code: result.code } });
        return z.NEVER;
      }
      return { type: doc.type, number: result.value };
    });
