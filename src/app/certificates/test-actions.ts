"use server";

import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/auth/service-context";
import { issueTestChallenge } from "@/server/certificate/issue-test-challenge";
import { recordTestResult } from "@/server/certificate/record-test-result";
import { errorMessage, isDomainError } from "@/server/core/errors";

export type TestStep<T> = { ok: true; value: T } | { ok: false; message: string };

async function step<T>(fn: () => Promise<T>): Promise<TestStep<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { ok: false, message: errorMessage(e.code, catalogLang(await getLocale()), e.details) };
  }
}

export async function challengeStep(certificateId: string) {
  return step(async () => {
    const r = await issueTestChallenge(await serviceContext(), { certificateId });
    return { challenge: r.challenge };
  });
}

export async function recordTestStep(input: {
  certificateId: string;
  kind: "INFO_LOADING" | "CERTIFICATE" | "SEAL";
  passed: boolean;
  details: Record<string, string | number | boolean>;
  challenge?: string;
  signature?: string;
}) {
  return step(async () => recordTestResult(await serviceContext(), input));
}
