import { createHash } from "node:crypto";
import { agreementCanonicalSerialisation, type AgreementDocument, type AgreementTexts } from "@/domain/agreement";
import { canonicalJson } from "@/server/core";

const sha256Hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** The hash stored with a version and copied into every acceptance of it: all languages together. */
export function versionContentHash(texts: AgreementTexts): string {
  return sha256Hex(agreementCanonicalSerialisation(texts));
}

/** The hash of one language's text, so a receipt can name exactly the text the subscriber read. */
export function textContentHash(doc: AgreementDocument): string {
  return sha256Hex(canonicalJson(doc));
}
