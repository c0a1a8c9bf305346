import { settings, type PaymentAccount } from "@/config/settings";
import { reviewExpectation, reviewStartedAt, transferReference, type ReviewPromise } from "@/domain/application";
import type { Application, PrismaClient } from "@/generated/prisma/client";
import { formatYuan } from "@/i18n/format";
import { loadWorkCalendar } from "@/server/calendar";
import type { NotificationInput, Tx } from "@/server/core";

/**
 * What an applicant waiting on the RA is told (issue 15, item 3): the review promise in working
 * days of the statutory calendar, and where a fee is paid. Read models and the submission and
 * payment mails take both from here, so the page and the mail never disagree.
 */
export async function reviewPromise(db: PrismaClient | Tx): Promise<ReviewPromise> {
  return { workingDays: settings().waiting.reviewWorkingDays, calendar: await loadWorkCalendar(db) };
}

/** The configured account and the reference to quote for one application's fee (clause 1.9). */
export interface PaymentInstructions extends PaymentAccount {
  reference: string;
}

export function paymentInstructions(applicationId: string): PaymentInstructions {
  return { ...settings().waiting.payment, reference: transferReference(applicationId) };
}

type Notify = (n: NotificationInput) => Promise<void>;

/**
 * The applicant's mail on submission or resubmission, in the transaction that makes the change:
 * with a fee due, how to pay it (review follows the recorded payment); otherwise when the review
 * is expected. For an organisation's application the applicant is the agent who applied.
 */
export async function tellApplicantSubmitted(
  s: { tx: Tx; now: Date; notify: Notify },
  app: Pick<Application, "id" | "applicantId" | "version" | "feeCents" | "feeStatus">,
): Promise<void> {
  const to = await s.tx.user.findUniqueOrThrow({ where: { id: app.applicantId }, select: { email: true, locale: true } });
  const promise = await reviewPromise(s.tx);
  const base = { applicationId: app.id, workingDays: promise.workingDays, path: `/applications/${app.id}` };
  if (app.feeStatus === "UNPAID") {
    const pay = paymentInstructions(app.id);
    await s.notify({
      userId: app.applicantId,
      toAddress: to.email,
      locale: to.locale,
      template: "waiting.submitted-payment-due",
      payload: { ...base, fee: formatYuan(app.feeCents, to.locale), accountName: pay.accountName, bankName: pay.bankName, accountNumber: pay.accountNumber, reference: pay.reference },
      dedupeKey: `application.submitted:${app.id}:${app.version + 1}`,
    });
    return;
  }
  const expected = reviewExpectation(s.now, promise);
  await s.notify({
    userId: app.applicantId,
    toAddress: to.email,
    locale: to.locale,
    template: "waiting.submitted",
    payload: { ...base, expectedBy: expected.expectedBy },
    dedupeKey: `application.submitted:${app.id}:${app.version + 1}`,
  });
}

/** The applicant's mail when the RA records the fee: the review starts now, expected by the date it names. */
export async function tellApplicantPaymentRecorded(
  s: { tx: Tx; now: Date; notify: Notify },
  app: Pick<Application, "id" | "applicantId" | "version" | "feeCents" | "status" | "submittedAt">,
): Promise<void> {
  const to = await s.tx.user.findUniqueOrThrow({ where: { id: app.applicantId }, select: { email: true, locale: true } });
  const promise = await reviewPromise(s.tx);
  // Under review: the promise runs from the payment. Otherwise (waiting for the applicant's answer,
  // or approved before review waited for payment) the mail points to the page's next step.
  const reviewing = app.status === "SUBMITTED";
  const expected = reviewExpectation(reviewStartedAt({ submittedAt: app.submittedAt, paymentRecordedAt: s.now }) ?? s.now, promise);
  await s.notify({
    userId: app.applicantId,
    toAddress: to.email,
    locale: to.locale,
    template: reviewing ? "waiting.payment-recorded" : "waiting.payment-recorded-next",
    payload: { applicationId: app.id, fee: formatYuan(app.feeCents, to.locale), workingDays: promise.workingDays, expectedBy: expected.expectedBy, path: `/applications/${app.id}` },
    dedupeKey: `application.payment-recorded:${app.id}:${app.version + 1}`,
  });
}
