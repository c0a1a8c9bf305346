"use server";

import { defineAction } from "@/server/web/define-action";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { raiseObjection } from "@/server/certificate/raise-objection";
import { reportLoss } from "@/server/revocation/report-loss";
import { requestRevocation } from "@/server/revocation/request-revocation";

const idOf = (form: FormData) => String(form.get("certificateId") ?? "");
const noteOf = (form: FormData) => {
  const n = String(form.get("note") ?? "").trim();
  return n ? { note: n } : {};
};
/** Each of these forms sits on the certificate's page, which shows the new state after it. */
const certificatePage = (input: { certificateId: string }) => `/certificates/${input.certificateId}`;
/** What the certificate page's forms get back: a loss report or revocation request offers its receipt. */
type CertificateReceipt = { requestId?: string };
const noReceipt = (): CertificateReceipt => ({});

export const acceptCertificateAction = defineAction({
  read: (form) => ({ certificateId: idOf(form) }),
  run: acceptCertificate,
  revalidate: certificatePage,
  done: noReceipt,
});

export const raiseObjectionAction = defineAction({
  read: (form) => {
    const testResultId = String(form.get("testResultId") ?? "");
    return { certificateId: idOf(form), reason: String(form.get("reason") ?? ""), ...(testResultId ? { testResultId } : {}) };
  },
  run: raiseObjection,
  revalidate: certificatePage,
  done: noReceipt,
});

export const reportLossAction = defineAction({
  read: (form) => ({ certificateId: idOf(form), ...noteOf(form) }),
  run: reportLoss,
  revalidate: certificatePage,
  done: (r): CertificateReceipt => ({ requestId: r.request.id }),
});

export const requestRevocationAction = defineAction({
  read: (form) => ({ certificateId: idOf(form), reason: String(form.get("reason") ?? "UNSPECIFIED") as "UNSPECIFIED", ...noteOf(form) }),
  run: requestRevocation,
  revalidate: certificatePage,
  done: (r): CertificateReceipt => ({ requestId: r.id }),
});
