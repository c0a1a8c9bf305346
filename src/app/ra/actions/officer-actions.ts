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
import { field, runConsoleAction } from "./run-action";
import { beijingLocalDateTime } from "@/i18n/beijing-input";

const version = (f: FormData) => (field(f, "version") ? Number(field(f, "version")) : undefined);
// datetime-local fields carry no zone: the officer types Beijing time, as every time on the page is shown.
const dateOrUndefined = (v: string) => (v ? new Date(beijingLocalDateTime(v)) : undefined);

export async function approveAction(f: FormData) {
  return runConsoleAction(f, "approved", (ctx) => approveApplication(ctx, { applicationId: field(f, "applicationId"), version: version(f), note: field(f, "note") || undefined }));
}

export async function rejectAction(f: FormData) {
  return runConsoleAction(f, "rejected", (ctx) => rejectApplication(ctx, { applicationId: field(f, "applicationId"), version: version(f), reason: field(f, "reason") }));
}

export async function needsInfoAction(f: FormData) {
  return runConsoleAction(f, "infoRequested", (ctx) => requestMoreInformation(ctx, { applicationId: field(f, "applicationId"), version: version(f), reason: field(f, "reason") }));
}

export async function paymentAction(f: FormData) {
  const method = field(f, "method") as (typeof PAYMENT_METHODS)[number];
  return runConsoleAction(f, "paymentRecorded", (ctx) =>
    recordPayment(ctx, { applicationId: field(f, "applicationId"), amountCents: Math.round(Number(field(f, "amountYuan")) * 100), method, reference: field(f, "reference") }),
  );
}

export async function paperAcceptanceAction(f: FormData) {
  return runConsoleAction(f, "paperRecorded", (ctx) =>
    recordPaperAcceptance(ctx, {
      userId: field(f, "userId"),
      onBehalfOfOrganisationId: field(f, "organisationId") || undefined,
      context: "APPLY",
      method: field(f, "method") === "PAPER_STAMPED" ? "PAPER_STAMPED" : "PAPER_SIGNED",
      signedAt: dateOrUndefined(field(f, "signedAt")) ?? new Date(Number.NaN),
      locale: field(f, "locale") === "en" ? "en" : "zh-CN",
    }),
  );
}

export async function issueAction(f: FormData) {
  return runConsoleAction(f, "issued", (ctx) => issueCertificate(ctx, { applicationId: field(f, "applicationId") }));
}

export async function confirmRevocationAction(f: FormData) {
  return runConsoleAction(f, "confirmed", (ctx) => confirmRevocationRequest(ctx, { requestId: field(f, "requestId"), identityCheck: field(f, "identityCheck") }));
}

export async function carryOutRevocationAction(f: FormData) {
  return runConsoleAction(f, "revoked", (ctx) => carryOutRevocation(ctx, { requestId: field(f, "requestId"), invalidityDate: dateOrUndefined(field(f, "invalidityDate")) }));
}

export async function rejectRevocationAction(f: FormData) {
  return runConsoleAction(f, "requestRejected", (ctx) => rejectRevocationRequest(ctx, { requestId: field(f, "requestId"), reason: field(f, "reason") }));
}

export async function handOverAction(f: FormData) {
  const method = field(f, "method") === "AGENT" ? "AGENT" : "IN_PERSON";
  return runConsoleAction(f, "handedOver", (ctx) =>
    recordHandOver(ctx, { certificateId: field(f, "certificateId"), method, collectedBy: field(f, "collectedBy"), receivedAt: dateOrUndefined(field(f, "receivedAt")) }),
  );
}

export async function mailDispatchAction(f: FormData) {
  return runConsoleAction(f, "mailed", (ctx) => recordMailDispatch(ctx, { certificateId: field(f, "certificateId"), trackingNo: field(f, "trackingNo") }));
}

export async function mailSignedForAction(f: FormData) {
  return runConsoleAction(f, "signedFor", (ctx) =>
    recordMailSignedFor(ctx, { certificateId: field(f, "certificateId"), signedForAt: dateOrUndefined(field(f, "signedForAt")) ?? new Date(Number.NaN) }),
  );
}
