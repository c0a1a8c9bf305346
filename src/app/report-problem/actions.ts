"use server";

import { getLocale } from "next-intl/server";
import { ActionRefusal } from "@/server/web/action-outcome";
import { defineAction, defineStep, formText as text } from "@/server/web/define-action";
import { issueProofOfWorkChallenge } from "@/server/problem-report/issue-problem-report-challenges";
import { MAX_CERTIFICATE_BYTES, MAX_PRIVATE_KEY_CHARS, submitProblemReport } from "@/server/problem-report/submit-problem-report";
import { errorMessage } from "@/server/core/errors";
import { catalogLang } from "@/i18n/locales";

/** A file field's bytes, refused by its size before it is read (the bound comes before any work). */
async function fileBytes(form: FormData, key: string, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const f = form.get(key);
  if (!(f instanceof File) || f.size === 0) return undefined;
  if (f.size > limit) {
    const lang = catalogLang(await getLocale());
    throw new ActionRefusal(errorMessage("INPUT_TOO_LARGE", lang, { field: key, limit }), "INPUT_TOO_LARGE", [key]);
  }
  return new Uint8Array(await f.arrayBuffer());
}

/** The browser asks for a challenge at each submission and solves it before sending the report. */
export const proofOfWorkChallengeStep = defineStep({ run: (ctx) => issueProofOfWorkChallenge(ctx, {}), anonymous: true });

export const submitProblemReportAction = defineAction({
  read: async (form) => {
    const method = text(form, "proofMethod");
    const keyFile = await fileBytes(form, "privateKeyFile", MAX_PRIVATE_KEY_CHARS);
    const privateKeyPem = text(form, "privateKey") || (keyFile ? new TextDecoder().decode(keyFile) : "");
    const signature = text(form, "signature");
    return {
      serial: text(form, "serial") || undefined,
      certificateFile: await fileBytes(form, "certificateFile", MAX_CERTIFICATE_BYTES),
      category: text(form, "category") as never,
      description: text(form, "description"),
      reporterEmail: text(form, "reporterEmail"),
      reporterName: text(form, "reporterName") || undefined,
      locale: ((await getLocale()) === "en" ? "en" : "zh-CN") as "en" | "zh-CN",
      proofOfWork: { challenge: text(form, "powChallenge"), nonce: text(form, "powNonce") },
      keyProof:
        text(form, "category") !== "KEY_COMPROMISE" || method === "" || method === "NONE"
          ? undefined
          : method === "PRIVATE_KEY"
            ? { method: "PRIVATE_KEY" as const, privateKeyPem }
            : { method: "SIGNATURE" as const, nonce: text(form, "keyProofNonce"), signature },
    };
  },
  run: submitProblemReport,
  anonymous: true,
  echo: ["serial", "category", "description", "reporterEmail", "reporterName", "proofMethod", "signature"],
  done: (r) => ({ reference: r.reference, statusPath: r.statusPath, preliminaryDueAt: r.preliminaryDueAt, keyCompromiseDemonstrated: r.keyCompromiseDemonstrated }),
});
