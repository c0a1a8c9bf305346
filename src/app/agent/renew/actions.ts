"use server";

import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { submitApplication } from "@/server/application/submit-application";
import type { Declarations } from "@/server/application/submission";
import { serviceContext } from "@/server/auth/service-context";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { requestRenewal } from "@/server/renewal/request-renewal";

export type RenewStep<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

async function step<T>(fn: () => Promise<T>): Promise<RenewStep<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { ok: false, code: e.code, message: errorMessage(e.code, catalogLang(await getLocale()), e.details) };
  }
}

/** Starts the renewal (the agreement gate is checked by the use case) with the browser-made CSR. */
export async function requestRenewalStep(input: { certificateId: string; csrPem: string }) {
  return step(async () => {
    const r = await requestRenewal(await serviceContext(), { certificateId: input.certificateId, kind: "RENEW", keyGeneration: "CLIENT_CSR", csrPem: input.csrPem });
    return { applicationId: r.applicationId };
  });
}

export async function submitRenewalStep(input: { applicationId: string; declarations: Declarations }) {
  return step(async () => submitApplication(await serviceContext(), input));
}
