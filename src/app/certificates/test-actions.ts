"use server";

import { defineStep } from "@/server/web/define-action";
import { issueTestChallenge } from "@/server/certificate/issue-test-challenge";
import { recordTestResult } from "@/server/certificate/record-test-result";

export const challengeStep = defineStep({
  run: (ctx, certificateId: string) => issueTestChallenge(ctx, { certificateId }),
  done: (r) => ({ challenge: r.challenge }),
});

export const recordTestStep = defineStep({
  run: (
    ctx,
    input: {
      certificateId: string;
      kind: "INFO_LOADING" | "CERTIFICATE" | "SEAL";
      passed: boolean;
      details: Record<string, string | number | boolean>;
      challenge?: string;
      signature?: string;
    },
  ) => recordTestResult(ctx, input),
});
