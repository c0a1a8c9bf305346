import { z } from "zod";
import { AGREEMENT_LOCALES, type AgreementDocument, type AgreementLocale } from "@/domain/agreement";
import { parseStoredDocument } from "@/server/agreement/agreement-store";
import { defineQuery } from "@/server/core";

const localeInput = z.enum(AGREEMENT_LOCALES);

/**
 * The published versions of the subscriber agreement, newest first, with which one is in force now
 * (the highest version whose effective date has come). Public: anyone may read the agreement.
 */
export const listAgreementVersions = defineQuery({
  name: "portal.agreement.list-versions",
  input: z.object({}),
  authorize: "public",
  async run(ctx) {
    const rows = await ctx.db.agreementVersion.findMany({
      where: { publishedAt: { not: null, lte: ctx.now } },
      orderBy: { version: "desc" },
      select: { version: true, effectiveAt: true, publishedAt: true, contentHash: true, changeSummary: true },
    });
    const current = rows.find((r) => r.effectiveAt.getTime() <= ctx.now.getTime())?.version ?? null;
    return rows.map((r) => ({ ...r, current: r.version === current, upcoming: r.effectiveAt.getTime() > ctx.now.getTime() }));
  },
});

/** One published version's text in one language, as stored (placeholders already filled). */
export const getAgreementText = defineQuery({
  name: "portal.agreement.get-text",
  input: z.object({ version: z.number().int().positive(), locale: localeInput }),
  authorize: "public",
  async run(ctx, input): Promise<{ version: number; effectiveAt: Date; contentHash: string; document: AgreementDocument } | null> {
    const row = await ctx.db.agreementVersion.findFirst({
      where: { version: input.version, publishedAt: { not: null, lte: ctx.now } },
      select: { version: true, effectiveAt: true, contentHash: true, texts: { where: { locale: input.locale }, select: { body: true } } },
    });
    const body = row?.texts[0]?.body;
    if (!row || !body) return null;
    return { version: row.version, effectiveAt: row.effectiveAt, contentHash: row.contentHash, document: parseStoredDocument(body) };
  },
});

export function agreementLocaleOf(uiLocale: string): AgreementLocale {
  return uiLocale === "en" ? "en" : "zh-CN";
}
