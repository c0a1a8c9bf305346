"use server";

import { recordPaperAcceptance } from "@/server/agreement/record-paper-acceptance";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { recordMailDispatch } from "@/server/certificate/record-mail-dispatch";
import { recordMailSignedFor } from "@/server/certificate/record-mail-signed-for";
import { approveApplication } from "@/server/ra/approve-application";
import { recordPayment, PAYMENT_METHODS } from "@/server/ra/record-payment";
import { rejectApplication } from "@/server/ra/reject-application";
import { requestMoreInformation } from "@/server/ra/request-more-information";
import { carryOutRevocation } from "@/server/revocation/carry-out-revocation";
import { confirmRevocationRequest } from "@/server/revocation/confirm-revocation-request";
import { rejectRevocationRequest } from "@/server/revocation/reject-revocation-request";
import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { beijingLocalDateTime } from "@/i18n/beijing-input";

const version = (f: FormData) => (field(f, "version") ? Number(field(f, "version")) : undefined);
// datetime-local fields carry no zone: the officer types Beijing time, as every time on the page is shown.
const dateOrUndefined = (v: string) => (v ? new Date(beijingLocalDateTime(v)) : undefined);

export const approveAction = defineRedirectAction({
  ok: "approved",
  run: (ctx, f) => approveApplication(ctx, { applicationId: field(f, "applicationId"), version: version(f), note: field(f, "note") || undefined }),
});

export const rejectAction = defineRedirectAction({
  ok: "rejected",
  run: (ctx, f) => rejectApplication(ctx, { applicationId: field(f, "applicationId"), version: version(f), reason: field(f, "reason") }),
});

export const needsInfoAction = defineRedirectAction({
  ok: "infoRequested",
  run: (ctx, f) => requestMoreInformation(ctx, { applicationId: field(f, "applicationId"), version: version(f), reason: field(f, "reason") }),
});

export const paymentAction = defineRedirectAction({
  ok: "paymentRecorded",
  run: (ctx, f) =>
    recordPayment(ctx, {
      applicationId: field(f, "applicationId"),
      amountCents: Math.round(Number(field(f, "amountYuan")) * 100),
      method: field(f, "method") as (typeof PAYMENT_METHODS)[number],
      reference: field(f, "reference"),
    }),
});

export const paperAcceptanceAction = defineRedirectAction({
  ok: "paperRecorded",
  run: (ctx, f) =>
    recordPaperAcceptance(ctx, {
      userId: field(f, "userId"),
      onBehalfOfOrganisationId: field(f, "organisationId") || undefined,
      context: "APPLY",
      method: field(f, "method") === "PAPER_STAMPED" ? "PAPER_STAMPED" : "PAPER_SIGNED",
      signedAt: dateOrUndefined(field(f, "signedAt")) ?? new Date(Number.NaN),
      locale: field(f, "locale") === "en" ? "en" : "zh-CN",
    }),
});

export const issueAction = defineRedirectAction({ ok: "issued", run: (ctx, f) => issueCertificate(ctx, { applicationId: field(f, "applicationId") }) });

export const confirmRevocationAction = defineRedirectAction({
  ok: "confirmed",
  run: (ctx, f) => confirmRevocationRequest(ctx, { requestId: field(f, "requestId"), identityCheck: field(f, "identityCheck") }),
});

export const carryOutRevocationAction = defineRedirectAction({
  ok: "revoked",
  run: (ctx, f) => carryOutRevocation(ctx, { requestId: field(f, "requestId"), invalidityDate: dateOrUndefined(field(f, "invalidityDate")) }),
});

export const rejectRevocationAction = defineRedirectAction({
  ok: "requestRejected",
  run: (ctx, f) => rejectRevocationRequest(ctx, { requestId: field(f, "requestId"), reason: field(f, "reason") }),
});

export const handOverAction = defineRedirectAction({
  ok: "handedOver",
  run: (ctx, f) =>
    recordHandOver(ctx, {
      certificateId: field(f, "certificateId"),
      method: field(f, "method") === "AGENT" ? "AGENT" : "IN_PERSON",
      collectedBy: field(f, "collectedBy"),
      receivedAt: dateOrUndefined(field(f, "receivedAt")),
    }),
});

export const mailDispatchAction = defineRedirectAction({
  ok: "mailed",
  run: (ctx, f) => recordMailDispatch(ctx, { certificateId: field(f, "certificateId"), trackingNo: field(f, "trackingNo") }),
});

export const mailSignedForAction = defineRedirectAction({
  ok: "signedFor",
  run: (ctx, f) => recordMailSignedFor(ctx, { certificateId: field(f, "certificateId"), signedForAt: dateOrUndefined(field(f, "signedForAt")) ?? new Date(Number.NaN) }),
});
