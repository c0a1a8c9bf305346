"use server";

import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { pkcs12PasswordProblems } from "@/domain/certificate";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/auth/service-context";
import { issueWithServerKey, SERVER_KEY_ALGORITHMS } from "@/server/certificate/issue-with-server-key";
import { errorMessage, isDomainError } from "@/server/core/errors";

export type ServerKeyState = { status: "idle" } | { status: "error"; message: string };

/**
 * The applicant's half of server-side key generation (clause 1.3): the PKCS#12 password travels
 * once, to this action, and is used only to wrap the key; then the certificate page offers the file.
 */
export async function issueServerKeyAction(_prev: ServerKeyState, form: FormData): Promise<ServerKeyState> {
  const applicationId = String(form.get("applicationId") ?? "");
  const password = String(form.get("pkcs12Password") ?? "");
  const asked = String(form.get("keyAlgorithm") ?? "EC-P256");
  const keyAlgorithm = SERVER_KEY_ALGORITHMS.find((a) => a === asked) ?? SERVER_KEY_ALGORITHMS[0];
  // Checked again here: the form checks as the subscriber types, but a request can skip the form.
  if (pkcs12PasswordProblems(password, String(form.get("pkcs12Repeat") ?? "")).length > 0) {
    return { status: "error", message: (await getTranslations("applicationPage"))("serverKey.weak") };
  }
  let certificateId: string;
  try {
    ({ certificateId } = await issueWithServerKey(await serviceContext(), { applicationId, pkcs12Password: password, keyAlgorithm }));
  } catch (e) {
    if (!isDomainError(e)) throw e;
    if (e.code === "CERT_ALREADY_ISSUED" && typeof e.details.certificateId === "string") redirect(`/certificates/${e.details.certificateId}`);
    return { status: "error", message: errorMessage(e.code, catalogLang(await getLocale()), e.details) };
  }
  redirect(`/certificates/${certificateId}`);
}
