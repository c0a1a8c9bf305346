import type { EnvRecord } from "@/config/settings";
import { defaultAgreementV1, fillDocument } from "@/domain/agreement";
import type { PrismaClient } from "@/generated/prisma/client";
import { defineSystemTask } from "@/server/core";
import { agreementVariablesFromEnv } from "./internal/agreement-variables";
import { insertPublishedVersion } from "./agreement-store";

/**
 * On first start, an installation without any agreement gets the project's default text as
 * version 1, filled with the CA's details from configuration, effective at once. A CA that wants
 * its own text publishes it as version 2. Idempotent: does nothing once any version exists, so a
 * change to the default text (issue 15: emphasis, book-title marks, the test page address) reaches
 * fresh databases only; a published version 1 never changes under the people who accepted it. An
 * installation that wants the new wording publishes it as a new version (admin, with approval).
 */
export async function seedDefaultAgreement(db: PrismaClient, now: Date, env?: EnvRecord): Promise<boolean> {
  const vars = agreementVariablesFromEnv(env);
  const texts = {
    "zh-CN": fillDocument(defaultAgreementV1.texts["zh-CN"], vars["zh-CN"]),
    en: fillDocument(defaultAgreementV1.texts.en, vars.en),
  };
  return seedAgreement({ db, clock: { now: () => now } }, texts);
}

const seedAgreement = defineSystemTask({
  name: "agreement.seed-default",
  async run(s, texts: Parameters<typeof insertPublishedVersion>[1]["texts"]): Promise<boolean> {
    // Taken before the emptiness check so two instances starting together seed once.
    await s.tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x5eed_a9e1})`);
    if ((await s.tx.agreementVersion.count()) > 0) {
      s.nothingToRecord();
      return false;
    }
    const created = await insertPublishedVersion(s.tx, { texts, effectiveAt: s.now, publishedAt: s.now, publishedById: null, changeSummary: null });
    s.audit({
      action: "agreement.default-version-seeded",
      subjectType: "AgreementVersion",
      subjectId: created.id,
      summary: { version: created.version, contentHash: created.contentHash },
    });
    return true;
  },
});
