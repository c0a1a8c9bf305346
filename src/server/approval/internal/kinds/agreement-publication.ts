import { publishAgreementVersion, publishAgreementVersionInput } from "@/server/agreement";
import { approvable } from "../approvable";

/** A new agreement version binds every later acceptance: the approver sees its number, date and change summary. */
export const agreementPublication = approvable({
  kind: "AGREEMENT_PUBLICATION",
  input: publishAgreementVersionInput,
  run: publishAgreementVersion,
  async describe(tx, input) {
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
