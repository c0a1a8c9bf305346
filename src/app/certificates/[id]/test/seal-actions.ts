"use server";

import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/auth/service-context";
import { verifySealTest } from "@/server/certificate/verify-seal-test";
import { errorMessage, isDomainError } from "@/server/core/errors";

/** Sends the signed sample document of the seal test; the server decides pass or fail. */
export async function sealTestStep(input: { certificateId: string; document: string; signature: string }) {
  try {
    return { ok: true as const, value: await verifySealTest(await serviceContext(), input) };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { ok: false as const, message: errorMessage(e.code, catalogLang(await getLocale()), e.details) };
  }
}
