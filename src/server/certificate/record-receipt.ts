import { testWindowDeadline, type TestWindow } from "@/domain/calendar";
import { checkCertificateAction } from "@/domain/certificate";
import type { DeliveryMethod } from "@/generated/prisma/client";
import { loadWorkCalendar } from "@/server/calendar";
import { type Tx, domainError } from "@/server/core";
import { certificateFacts, type CertificateWithObjections } from "@/server/shared";
import { tellWaitingParty } from "./internal/waiting-party";

/**
 * Clause 1.7: the receipt (first download, hand-over, or the signed-for time of a mailing) starts
 * the clause 1.8 test window. The deadline is computed from the statutory calendar in the
 * database and stored with its provisional flag (a deadline resting on a year without a confirmed
 * calendar is provisional until an administrator imports that year).
 */
export async function recordReceipt(
  tx: Tx,
  cert: CertificateWithObjections,
  args: { receiptAt: Date; now: Date; method: DeliveryMethod; recordedById: string | null; mailTrackingNo?: string | null },
): Promise<TestWindow> {
  const check = checkCertificateAction("RECORD_RECEIPT", certificateFacts(cert), args.now);
  if (!check.ok) throw domainError(check.code, { from: check.status });
  if (args.receiptAt.getTime() > args.now.getTime() || args.receiptAt.getTime() < cert.notBefore.getTime()) {
    throw domainError("RECEIPT_TIME_INVALID");
  }
  const window = testWindowDeadline(args.receiptAt, await loadWorkCalendar(tx));
  await tx.certificate.update({
    where: { id: cert.id },
    data: {
      deliveryMethod: args.method,
      deliveredAt: cert.deliveredAt ?? args.receiptAt,
      receiptAt: args.receiptAt,
      receiptRecordedById: args.recordedById,
      testWindowDeadline: window.deadline,
      testWindowProvisional: window.provisional,
      ...(args.mailTrackingNo !== undefined ? { mailTrackingNo: args.mailTrackingNo } : {}),
    },
  });
  // Issue 15: received, so the clause 1.8 clock runs: the mail says until when to test, and where.
  await tellWaitingParty(tx, args.now, cert, {
    template: "waiting.delivered",
    payload: { certificateId: cert.id, receiptAt: args.receiptAt.toISOString(), testDeadline: window.deadline.toISOString(), lastWorkingDay: window.lastWorkingDay, path: `/certificates/${cert.id}/test` },
    dedupeKey: `certificate.delivered:${cert.id}`,
  });
  return window;
}

export const windowSummary = (w: TestWindow) => ({
  testWindowDeadline: w.deadline.toISOString(),
  lastWorkingDay: w.lastWorkingDay,
  provisional: w.provisional,
});
