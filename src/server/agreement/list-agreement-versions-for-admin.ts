import { z } from "zod";
import type { AgreementTexts } from "@/domain/agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { parseStoredDocument } from "@/server/agreement/agreement-store";
import { isCaAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";

/**
 * The agreement versions for the administrator: every published version with its dates, the one
 * in force now, and the texts of the newest version (the starting point of a new draft and what
 * a draft is compared with).
 */
export const agreementVersions = defineQuery({
  name: "console.agreement-versions",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const versions = await ctx.db.agreementVersion.findMany({
      orderBy: { version: "desc" },
      select: { id: true, version: true, effectiveAt: true, publishedAt: true, contentHash: true, changeSummary: true, _count: { select: { acceptances: true } } },
    });
    const current = await findCurrentAgreementVersion(ctx.db, ctx.now);
    const newest = versions[0];
    let texts: AgreementTexts | null = null;
    if (newest) {
      const rows = await ctx.db.agreementText.findMany({ where: { versionId: newest.id } });
      const zh = rows.find((r) => r.locale === "zh-CN");
      const en = rows.find((r) => r.locale === "en");
      if (zh && en) texts = { "zh-CN": parseStoredDocument(zh.body), en: parseStoredDocument(en.body) };
    }
    return { versions, currentVersion: current?.version ?? null, newestVersion: newest?.version ?? null, texts };
  },
});
