import { AGREEMENT_LOCALES, type AgreementDocument, type AgreementLocale, type AgreementTexts } from "@/domain/agreement";
import type { Tx } from "@/server/core";
import { textContentHash, versionContentHash } from "./internal/agreement-hash";

/**
 * Published versions are stored with their texts filled in (no placeholders): the hash must bind
 * the words the subscriber read. The body column holds the structured document as JSON so the
 * emphasised clauses survive.
 */
export async function insertPublishedVersion(
  tx: Tx,
  args: { texts: AgreementTexts; effectiveAt: Date; publishedAt: Date; publishedById: string | null; changeSummary?: string | null },
) {
  const last = await tx.agreementVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
  const version = (last?.version ?? 0) + 1;
  const contentHash = versionContentHash(args.texts);
  return tx.agreementVersion.create({
    data: {
      version,
      effectiveAt: args.effectiveAt,
      publishedAt: args.publishedAt,
      publishedById: args.publishedById,
      contentHash,
      changeSummary: args.changeSummary ?? null,
      texts: {
        create: AGREEMENT_LOCALES.map((locale) => ({
          locale,
          title: args.texts[locale].title,
          body: JSON.stringify(args.texts[locale]),
          contentHash: textContentHash(args.texts[locale]),
        })),
      },
    },
    select: { id: true, version: true, contentHash: true, effectiveAt: true },
  });
}

export function parseStoredDocument(body: string): AgreementDocument {
  return JSON.parse(body) as AgreementDocument;
}

export type { AgreementLocale };
