"use server";

import { getTranslations } from "next-intl/server";
import { pkcs12PasswordProblems } from "@/domain/certificate";
import { ActionRefusal } from "@/server/web/action-outcome";
import { defineAction, formText } from "@/server/web/define-action";
import { issueWithServerKey, SERVER_KEY_ALGORITHMS } from "@/server/certificate/issue-with-server-key";
import { isDomainError } from "@/server/core/errors";
import { cancelApplication } from "@/server/application/cancel-application";
import { removeDocument } from "@/server/application/remove-document";
import { resubmitApplication } from "@/server/application/resubmit-application";
import { submitApplication } from "@/server/application/submit-application";
import type { Declarations } from "@/server/application/submission";
import { updateApplicationDetails } from "@/server/application/update-application-details";

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

// The applicant's editor (draft, or sent back for more information): each form posts the version
// the page was rendered at, so a second click or a stale tab is refused in words, nothing written.

const path = (i: { applicationId: string }) => `/applications/${i.applicationId}`;
const versionOf = (form: FormData) => Number(formText(form, "version") || NaN);
const DECLARATION_KEYS = ["truthfulCompleteLawful", "copiesMatchOriginals", "consentToElectronicSignatureUse", "consentToCertificateQuery"] as const;
/** Each declaration is its own checkbox: ticked is "on", anything else is no. */
const declarationsOf = (form: FormData): Declarations =>
  Object.fromEntries(DECLARATION_KEYS.map((k) => [k, formText(form, k) === "on"])) as Record<(typeof DECLARATION_KEYS)[number], boolean>;
/** An empty optional field is absent, not "" (the schema's min(1) would refuse it). */
const optional = (form: FormData, key: string) => formText(form, key).trim() || undefined;

export const removeApplicationDocumentAction = defineAction({
  read: (form) => ({ applicationId: formText(form, "applicationId"), documentId: formText(form, "documentId") }),
  run: (ctx, input) => removeDocument(ctx, input),
  revalidate: path,
});

export const updateApplicationDetailsAction = defineAction({
  read: (form) => ({
    applicationId: formText(form, "applicationId"),
    version: versionOf(form),
    subjectDetails: {
      country: formText(form, "country") || "CN",
      province: optional(form, "province"),
      city: optional(form, "city"),
      department: optional(form, "department"),
      sealName: optional(form, "sealName"),
      // Absent for a private person (not asked); an organisation's is required by the use case.
      ...(formText(form, "usageScopeName").trim() || formText(form, "usageScopeKind")
        ? { usageScope: { kind: formText(form, "usageScopeKind") as "项目", name: formText(form, "usageScopeName") } }
        : {}),
      ...(formText(form, "includeEmail") ? { includeEmail: formText(form, "includeEmail") === "true" } : {}),
    },
  }),
  run: (ctx, input) => updateApplicationDetails(ctx, input),
  revalidate: path,
  done: () => undefined,
  echo: ["province", "city", "department", "sealName", "usageScopeKind", "usageScopeName"],
});

export const sendApplicationAction = defineAction({
  read: (form) => ({
    applicationId: formText(form, "applicationId"),
    version: versionOf(form),
    resubmit: formText(form, "mode") === "resubmit",
    infoResponse: formText(form, "infoResponse"),
    declarations: declarationsOf(form),
  }),
  // One form, the offer the page rendered: submit for a draft, resubmit with the answer after a question.
  run: (ctx, { resubmit, infoResponse, ...input }) =>
    resubmit ? resubmitApplication(ctx, { ...input, infoResponse }) : submitApplication(ctx, input),
  revalidate: path,
  echo: ["infoResponse"],
  explain: (e, state) => (Array.isArray(e.details.missing) ? { ...state, items: e.details.missing.map(String) } : state),
});

export const cancelOwnApplicationAction = defineAction({
  read: async (form) => {
    // A withdrawal cannot be undone: the page asks for an explicit confirmation, and so does the action.
    if (formText(form, "confirm") !== "on") throw new ActionRefusal((await getTranslations("applicationPage"))("editor.cancelConfirmMissing"), "VALIDATION_FAILED", ["confirm"]);
    return { applicationId: formText(form, "applicationId"), version: versionOf(form) };
  },
  run: (ctx, input) => cancelApplication(ctx, input),
  revalidate: path,
});
