import { createHash } from "node:crypto";
import { z } from "zod";
import { CA_REVOCATION_GROUNDS, REVOCATION_REASON_CODES, revocationDue, type RevocationReasonName } from "@/domain/revocation";
import { allowedProblemReportActions, revocationForReport } from "@/domain/problem-report";
import { certificateParties, mayHandleProblemReports, requireNotPartyToCase } from "@/server/auth";
import { publishStatusAfterCommit } from "@/server/ca-service";
import { domainError, defineUseCase } from "@/server/core";
import { revokeCertificate } from "@/server/revocation";
import { loadReportLocked } from "./internal/load-report";
import { notifyReportParties } from "./internal/notify-parties";

const REASON_NAMES = Object.keys(REVOCATION_REASON_CODES) as [RevocationReasonName, ...RevocationReasonName[]];

export const decideProblemReportInput = z.discriminatedUnion("outcome", [
  z.object({
    id: z.string().uuid(),
    outcome: z.literal("REVOKE"),
    /** A clause 3 ground the report's category allows; default the category's usual one. */
    ground: z.enum(CA_REVOCATION_GROUNDS).optional(),
    /** Another RFC 5280 reason the ground permits; default the ground's. */
    reason: z.enum(REASON_NAMES).optional(),
    /** The facts the revocation rests on: told to the subscriber and the reporter. */
    explanation: z.string().trim().min(10).max(4000),
  }),
  z.object({
    id: z.string().uuid(),
    outcome: z.literal("NO_ACTION"),
    /** Why the CA does not revoke: told to the reporter and the subscriber. */
    explanation: z.string().trim().min(10).max(4000),
  }),
]);

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/**
 * The outcome of a report, after the preliminary report: revoke, or no action with the reason;
 * both mailed to the reporter and the subscriber and audited. A revocation rests on the clause 3
 * ground the category allows (revocationForReport) and goes through the revocation area's one
 * building block (revokeCertificate) as a CA_INITIATED request that is done at once, so a
 * keyCompromise revocation cascades over every certificate on the key and blocks the key, as a
 * subscriber's does. RA officers decide it (mayHandleProblemReports): like a subscriber's
 * request, a report runs against the Baseline Requirements' deadlines (24 hours for a
 * demonstrated key compromise, 5 days otherwise), which a second administrator's approval
 * would put at risk. Nobody decides a report about a certificate they are party to.
 */
export const decideProblemReport = defineUseCase({
  name: "problem-report.decide",
  input: decideProblemReportInput,
  authorize: mayHandleProblemReports,
  async run(s, input) {
    const actor = s.actor!;
    const report = await loadReportLocked(s.tx, input.id);
    const cert = report.certificate;
    await requireNotPartyToCase(s, certificateParties(cert), { decision: "problem-report.decide", subjectType: "Certificate", subjectId: cert.id, onBehalfOfId: cert.subscriberOrganisationId });
    const can = allowedProblemReportActions({ ...report, certificateRevoked: cert.revokedAt !== null });
    const allowed = input.outcome === "REVOKE" ? can.revoke : can.decide;
    if (!allowed.ok) throw domainError(allowed.reason);

    if (input.outcome === "NO_ACTION") {
      await s.tx.problemReport.update({ where: { id: report.id }, data: { status: "CLOSED", outcome: "NO_ACTION", outcomeReason: input.explanation, decidedAt: s.now, decidedById: actor.userId } });
      const notified = await notifyReportParties(s, report, cert, "no-action", { explanation: input.explanation, decidedAt: s.now.toISOString() });
      s.audit({ action: "problem-report.no-action", subjectType: "ProblemReport", subjectId: report.id, summary: { reference: report.reference, certificateId: cert.id, reasonSha256: sha256(input.explanation), notifiedUserIds: notified } });
      return { reference: report.reference, outcome: "NO_ACTION" as const, publishCertificateIds: [] as string[] };
    }

    const mapped = revocationForReport(report.category, input.ground, input.reason);
    if (!mapped.ok) throw domainError(mapped.code, { ground: input.ground, reason: input.reason });
    // The request's clock runs from the report: a key compromise the portal verified was a complete
    // request when it arrived (the BR's 24 hours run from then), anything else from this decision.
    const compliantAt = report.keyProof !== null ? report.receivedAt : s.now;
    const request = await s.tx.revocationRequest.create({
      data: {
        certificateId: cert.id,
        requestedById: actor.userId,
        kind: "CA_INITIATED",
        reasonCode: mapped.reason,
        caGround: mapped.ground,
        status: "COMPLIANT",
        receivedAt: report.receivedAt,
        compliantAt,
        confirmedById: actor.userId,
        confirmationMethod: "OFFICER",
        dueAt: revocationDue(compliantAt),
        note: `${report.reference}: ${input.explanation}`,
      },
    });
    const result = await revokeCertificate(s.tx, {
      certificateId: cert.id,
      reason: mapped.reason,
      at: s.now,
      revokedById: actor.userId,
      requestId: request.id,
      keyCompromise: { source: "PROBLEM_REPORT", evidence: s },
    });
    await s.tx.revocationRequest.update({ where: { id: request.id }, data: { status: "DONE", doneAt: s.now } });
    await s.tx.problemReport.update({
      where: { id: report.id },
      data: { status: "CLOSED", outcome: "REVOKED", outcomeReason: input.explanation, caGround: mapped.ground, revocationReason: mapped.reason, revocationRequestId: request.id, decidedAt: s.now, decidedById: actor.userId },
    });
    const notified = await notifyReportParties(s, report, cert, "revoked", {
      outcome: "REVOKED",
      explanation: input.explanation,
      clauseItem: mapped.clauseItem,
      reason: mapped.reason,
      decidedAt: s.now.toISOString(),
    });
    s.audit({
      action: "problem-report.revoked",
      subjectType: "ProblemReport",
      subjectId: report.id,
      summary: {
        reference: report.reference,
        certificateId: cert.id,
        serialHex: cert.serialHex,
        ground: mapped.ground,
        clauseItem: mapped.clauseItem,
        reason: mapped.reason,
        revocationRequestId: request.id,
        revocationId: result.revocation.id,
        alreadyRevoked: result.alreadyRevoked,
        notifiedUserIds: notified,
      },
    });
    return {
      reference: report.reference,
      outcome: "REVOKED" as const,
      publishCertificateIds: [...(result.alreadyRevoked ? [] : [cert.id]), ...result.cascade.certificateIds],
    };
  },
  // After the commit: the new status (of the certificate and of any on the same key) reaches OCSP and the CRL.
  afterCommit: publishStatusAfterCommit,
});
