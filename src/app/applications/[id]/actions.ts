"use server";

import { getTranslations } from "next-intl/server";
import { pkcs12PasswordProblems } from "@/domain/certificate";
import { ActionRefusal } from "@/server/web/action-outcome";
import { defineAction } from "@/server/web/define-action";
import { issueWithServerKey, SERVER_KEY_ALGORITHMS } from "@/server/certificate/issue-with-server-key";
import { isDomainError } from "@/server/core/errors";

/**
 * The applicant's half of server-side key generation (clause 1.3): the PKCS#12 password travels
 * once, to this action, and is used only to wrap the key; then the certificate page offers the file.
 */
export const issueServerKeyAction = defineAction({
  read: async (form) => {
    const password = String(form.get("pkcs12Password") ?? "");
    // Checked again here: the form checks as the subscriber types, but a request can skip the form.
    if (pkcs12PasswordProblems(password, String(form.get("pkcs12Repeat") ?? "")).length > 0) {
      throw new ActionRefusal((await getTranslations("applicationPage"))("serverKey.weak"), "PKCS12_PASSWORD_WEAK");
    }
    const asked = String(form.get("keyAlgorithm") ?? "EC-P256");
    return { applicationId: String(form.get("applicationId") ?? ""), pkcs12Password: password, keyAlgorithm: SERVER_KEY_ALGORITHMS.find((a) => a === asked) ?? SERVER_KEY_ALGORITHMS[0] };
  },
  run: async (ctx, input) => {
    try {
      return await issueWithServerKey(ctx, input);
    } catch (e) {
      // Issued already (a second tab, a reload): the certificate is there, so go to it.
      if (isDomainError(e) && e.code === "CERT_ALREADY_ISSUED" && typeof e.details.certificateId === "string") return { certificateId: e.details.certificateId };
      throw e;
    }
  },
  redirectTo: (r) => `/certificates/${r.certificateId}`,
});
