import { z } from "zod";
import { checkAgreementStructure, templateVariablesOf } from "@/domain/agreement";
import { approvedAdminAction } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { agreementTextsSchema } from "./agreement-schema";
import { insertPublishedVersion } from "./agreement-store";

export const publishAgreementVersionInput = z.object({
  texts: agreementTextsSchema,
  effectiveAt: z.coerce.date(),
  changeSummary: z.string().max(2_000).optional(),
});

/**
 * A CA administrator publishes a new version (7.1). It gets the next number; once stored it is
 * never edited (there is no update use case, and acceptances copy its hash). An effective date
 * in the past is refused: it would make earlier acceptances insufficient retroactively.
 */
export const publishAgreementVersion = defineUseCase({
  name: "agreement.publish-version",
  input: publishAgreementVersionInput,
  // Dual control: runs only as an approved request (src/server/approval), never on one administrator's word.
  authorize: approvedAdminAction("AGREEMENT_PUBLICATION"),
  async run(s, input) {
    const problems = checkAgreementStructure(input.texts);
    const unfilled = [...templateVariablesOf(input.texts["zh-CN"]), ...templateVariablesOf(input.texts.en)];
    if (problems.length > 0 || unfilled.length > 0) {
      throw domainError("VALIDATION_FAILED", { issues: { texts: [...problems.map((p) => p.code), ...unfilled.map((n) => `UNFILLED:${n}`)] } });
    }
    if (input.effectiveAt.getTime() < s.now.getTime() - 60_000) {
      throw domainError("VALIDATION_FAILED", { issues: { effectiveAt: ["EFFECTIVE_DATE_IN_PAST"] } });
    }
    const effectiveAt = new Date(Math.max(input.effectiveAt.getTime(), s.now.getTime()));
    const created = await insertPublishedVersion(s.tx, {
      texts: input.texts,
      effectiveAt,
      publishedAt: s.now,
      publishedById: s.actor!.userId,
      changeSummary: input.changeSummary ?? null,
    });
    s.audit({
      action: "agreement.version-published",
      subjectType: "AgreementVersion",
      subjectId: created.id,
      summary: { version: created.version, contentHash: created.contentHash, effectiveAt: effectiveAt.toISOString() },
    });
    return created;
  },
});
