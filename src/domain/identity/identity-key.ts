/**
 * The key under which the RA finds every application and certificate of one subject, however the
 * number was typed: a person by their identity document number, an organisation by its unified
 * social credit code. Names are left out on purpose: "张三" and "张 三" are one person when the
 * number is one, and two people may share a name.
 *
 * Stored on Application.identityKey (indexed) so that possible duplicates and the subject's
 * history are one indexed lookup, not a scan of subject details.
 */

/** Longest document number the portal accepts (OTHER: 40); anything longer is not a number but noise. */
const MAX_NUMBER_LENGTH = 64;

/** Full-width forms (U+FF01..U+FF5E, as Chinese input methods type them) to their ASCII letters and digits. */
function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * A document number reduced to what identifies it: half-width, without spaces (any kind, the
 * ideographic one too), hyphens and dashes, upper case (the check letter "x" is "X"). Null when
 * nothing is left or it is too long to be a number (hostile input does not reach the index).
 */
export function normaliseDocumentNumber(raw: string): string | null {
  // Cut before the work: a megabyte of input is not a number, and the regexes below stay linear anyway.
  if (raw.length > MAX_NUMBER_LENGTH * 4) return null;
  const n = toHalfWidth(raw)
    .replace(/[\s\u3000\u00A0\-\u2010-\u2015\u2212\u30FC]+/g, "")
    .toUpperCase();
  if (n.length === 0 || n.length > MAX_NUMBER_LENGTH) return null;
  return n;
}

export type IdentityKeySubject = { kind: "PERSON"; documentNumber: string } | { kind: "ORGANISATION"; creditCode: string };

/**
 * "P:<number>" for a person, "O:<credit code>" for an organisation: the two never meet, so a
 * person's number that happened to look like a credit code is not taken for that organisation.
 * The document type is left out: the same number typed once as a resident ID and once as "other"
 * is worth the officer's look. Null when the number normalises to nothing.
 */
export function identityKey(subject: IdentityKeySubject): string | null {
  const n = normaliseDocumentNumber(subject.kind === "PERSON" ? subject.documentNumber : subject.creditCode);
  if (n === null) return null;
  return `${subject.kind === "PERSON" ? "P" : "O"}:${n}`;
}

/**
 * Whether two names on records of one identity number are different names, not one name typed
 * differently: spaces (any kind), the middle dot of transcribed names ("·", "・", "."), full-width
 * forms and letter case do not count ("张 三" is "张三", "MARY SMITH" is "Mary Smith"). The RA
 * warns in words when the same number comes under another name (issue 15).
 */
export function namesDiffer(a: string, b: string): boolean {
  const norm = (s: string) => toHalfWidth(s.normalize("NFKC")).replace(/[\s\u3000\u00A0·・.\u00B7\u30FB]+/g, "").toLowerCase();
  return norm(a) !== norm(b);
}
