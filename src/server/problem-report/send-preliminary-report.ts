import { createHash } from "node:crypto";
import { z } from "zod";
import { allowedProblemReportActions, preliminaryOutcome } from "@/domain/problem-report";
import { certificateParties, mayHandleProblemReports, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { loadReportLocked } from "./internal/load-report";
import { notifyReportParties } from "./internal/notify-parties";

export const sendPreliminaryReportInput = z.object({
  id: z.string().uuid(),
  /** What the CA has found so far and will do next: mailed as written to the reporter and the subscriber. */
  text: z.string().trim().min(10).max(4000),
});

/**
 * Baseline Requirements 4.9.5: the preliminary report to the subscriber and the reporter, within
 * 24 hours of the report. Once per report; the audit event records whether the clock was met.
 */
export const sendPreliminaryReport = defineUseCase({
  name: "problem-report.send-preliminary",
  input: sendPreliminaryReportInput,
  authorize: mayHandleProblemReports,
  async run(s, input) {
    const report = await loadReportLocked(s.tx, input.id);
    const cert = report.certificate;
    await requireNotPartyToCase(s, certificateParties(cert), { decision: "problem-report.send-preliminary", subjectType: "Certificate", subjectId: cert.id, onBehalfOfId: cert.subscriberOrganisationId });
    const allowed = allowedProblemReportActions({ ...report, certificateRevoked: report.certificate.revokedAt !== null }).sendPreliminary;
    if (!allowed.ok) throw domainError(allowed.reason);
    await s.tx.problemReport.update({ where: { id: report.id }, data: { status: "PRELIMINARY_SENT", preliminaryReport: input.text, preliminaryAt: s.now, preliminaryById: s.actor!.userId } });
    const notified = await notifyReportParties(s, report, cert, "preliminary", { text: input.text, sentAt: s.now.toISOString() });
    const clock = preliminaryOutcome(report.preliminaryDueAt, s.now);
    s.audit({
      action: "problem-report.preliminary-sent",
      subjectType: "ProblemReport",
      subjectId: report.id,
      summary: { reference: report.reference, dueAt: report.preliminaryDueAt.toISOString(), clock, reportSha256: createHash("sha256").update(input.text, "utf8").digest("hex"), notifiedUserIds: notified },
    });
    return { reference: report.reference, clock };
  },
});
