/**
 * How each value of an audit summary is shown, decided here once for every page that renders
 * audit summaries (AuditSummary): a time in Beijing time, an amount kept in fen in yuan, an enum
 * as its label (audit-summary-enums.ts says which enum a field holds), identifiers, hashes,
 * serials and other machine text in <code> (people copy them into queries), the rest as text.
 * Lawyers read these rows: a key nobody labelled is still shown, humanised, in <code>.
 */
export type SummaryValueKind = "time" | "cents" | "code" | "text";

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;
/** SCREAMING_SNAKE: an enum value no field mapping labelled, or a code (profile codes are such). */
const ENUM_LIKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** Fields whose numbers (or, for `fees`, whose nested numbers) are amounts in fen. */
const CENTS_FIELD = /(^|[a-z])Cents$|^fees$/;
/** Fields holding identifiers, digests, serials or protocol values: shown exactly, in <code>. */
const CODE_FIELD = /(^id$|Ids?$|sha256$|Sha256$|[hH]ash$|[sS]erialHex$|^serial|^csr$|^crlNumber$|^code$|^codes$|^profileCodes?$|^profileCode$|^osUser$|^host$|^issuer$|^baseUrl$|^emailKey$|^trackingNo$|^reference$|^unifiedSocialCreditCode$|^keyAlgorithms?$|^keyType$)/;

/**
 * The kind of one scalar value. `field` is the key that holds it (items of an array and values of
 * a nested `fees`-like map share their parent's key); `inherited` is the kind the parent imposed.
 */
export function summaryValueKind(field: string | null, value: string | number, inherited: SummaryValueKind | null = null): SummaryValueKind {
  if (inherited === "cents" && typeof value === "number") return "cents";
  if (typeof value === "number") return field !== null && CENTS_FIELD.test(field) ? "cents" : "text";
  if (ISO_TIME.test(value)) return "time";
  if (field !== null && CODE_FIELD.test(field)) return "code";
  if (ENUM_LIKE.test(value)) return "code";
  return "text";
}

/** The kind a nested object passes to its values (only amounts: `fees: { PROFILE: 30000 }`). */
export function inheritedKind(field: string | null): SummaryValueKind | null {
  return field !== null && CENTS_FIELD.test(field) ? "cents" : null;
}

/** "copiesMatchOriginals" → "copies match originals": the fallback label of a key nobody named. */
export function humaniseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
}
