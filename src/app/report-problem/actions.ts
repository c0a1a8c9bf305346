"use server";

import { getLocale } from "next-intl/server";
import { defineAction, defineStep, formText as text } from "@/server/web/define-action";
import { issueProofOfWorkChallenge } from "@/server/problem-report/issue-problem-report-challenges";
import { MAX_CERTIFICATE_BYTES, MAX_PRIVATE_KEY_CHARS, submitProblemReport } from "@/server/problem-report/submit-problem-report";
import { domainError } from "@/server/core/errors";

/** A file field's bytes, refused by its size before it is read (the bound comes before any work). */
async function fileBytes(form: FormData, key: string, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const f = form.get(key);
  if (!(f instanceof File) || f.size === 0) return undefined;
  // The adapter words the refusal in the reader's language, as for every other DomainError.
  if (f.size > limit) throw domainError("INPUT_TOO_LARGE", { field: key, limit });
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
