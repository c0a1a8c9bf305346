import { fillDocument } from "./template";
import { AGREEMENT_LOCALES, type AgreementDocument, type AgreementLocale, type AgreementTexts, type AgreementVariables } from "./types";

/** Bump when the serialisation below changes, so that old hashes are never compared with new ones. */
export const AGREEMENT_CANONICAL_FORMAT = "agreement-canonical-v1";

function canonicalValue(value: unknown): unknown {
  if (typeof value === "string") return value.normalize("NFC");
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalValue(v);
    }
    return out;
  }
  return value;
}

/** A document reduced to exactly the fields that carry meaning, in a fixed shape. */
function documentShape(doc: AgreementDocument) {
  const clause = (c: AgreementDocument["preamble"][number]) => ({
    number: c.number,
    text: c.text,
    items: (c.items ?? []).map((i) => ({ label: i.label, text: i.text })),
    limitsLiability: c.limitsLiability,
  });
  return {
    title: doc.title,
    notice: doc.notice,
    preamble: doc.preamble.map(clause),
    sections: doc.sections.map((s) => ({ number: s.number, heading: s.heading, clauses: s.clauses.map(clause) })),
  };
}

/**
 * Deterministic serialisation of every language of an agreement: sorted keys, NFC strings, no
 * whitespace, emphasis flags included (moving the bold changes what the subscriber agreed to).
 * The server hashes this string (SHA-256, hex) to get the content hash stored with each version
 * and each acceptance. The domain does not hash it itself so that it stays free of `node:crypto`
 * and runs unchanged in the browser (where `crypto.subtle.digest` is asynchronous).
 *
 * With `vars`, the placeholders are filled first, so the hash binds the text the subscriber was
 * actually shown (CA name, hotline, ...), not only the template.
 */
export function agreementCanonicalSerialisation(
  texts: AgreementTexts,
  vars?: Readonly<Record<AgreementLocale, AgreementVariables>>,
): string {
  const languages: Record<string, unknown> = {};
  for (const locale of [...AGREEMENT_LOCALES].sort()) {
    const doc = vars ? fillDocument(texts[locale], vars[locale]) : texts[locale];
    languages[locale] = documentShape(doc);
  }
  return JSON.stringify(canonicalValue({ format: AGREEMENT_CANONICAL_FORMAT, texts: languages }));
}

/** Content hash with a hash function supplied by the caller (node:crypto on the server, WebCrypto in a browser). */
export async function agreementContentHash(
  texts: AgreementTexts,
  sha256Hex: (utf8: string) => string | Promise<string>,
  vars?: Readonly<Record<AgreementLocale, AgreementVariables>>,
): Promise<string> {
  return sha256Hex(agreementCanonicalSerialisation(texts, vars));
}
