import { checkAgreementStructure, templateVariablesOf } from "@/domain/agreement";
import { publishAgreementVersion, publishAgreementVersionInput } from "@/server/agreement";
import { domainError } from "@/server/core";
import { approvable } from "../approvable";

/** A new agreement version binds every later acceptance: the approver sees its number, date and change summary. */
export const agreementPublication = approvable({
  kind: "AGREEMENT_PUBLICATION",
  input: publishAgreementVersionInput,
  run: publishAgreementVersion,
  async describe(tx, input) {
    // The use case's own structure check, at request time too: a broken draft is told now, not after an approval.
    const problems = checkAgreementStructure(input.texts);
    const unfilled = [...templateVariablesOf(input.texts["zh-CN"]), ...templateVariablesOf(input.texts.en)];
    if (problems.length > 0 || unfilled.length > 0) {
      throw domainError("VALIDATION_FAILED", { issues: { texts: [...problems.map((p) => p.code), ...unfilled.map((n) => `UNFILLED:${n}`)] } });
    }
    const newest = await tx.agreementVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
    return {
      facts: {
        agreementVersion: (newest?.version ?? 0) + 1,
        effectiveAt: input.effectiveAt.toISOString(),
        changeSummary: input.changeSummary ?? null,
        sectionsZh: input.texts["zh-CN"].sections?.length ?? null,
      },
    };
  },
});
