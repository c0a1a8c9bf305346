import { z } from "zod";
import { certificateParties, mayHandleProblemReports, staffDecisionAnswer, withStaffDecision } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";
import { reportView } from "./internal/report-view";

export const getProblemReportInput = z.object({ id: z.string().uuid() });

/**
 * One report for the officer: what the reporter said and how to reach them, the certificate it is
 * about, the clock, and what may be done now (`can`: the state's answer, refused with
 * CONFLICT_OF_INTEREST when the officer is party to the certificate).
 */
export const getProblemReport = defineQuery({
  name: "problem-report.get",
  input: getProblemReportInput,
  authorize: mayHandleProblemReports,
  async run(ctx, input) {
    const r = await ctx.db.problemReport.findUnique({
      where: { id: input.id },
      include: { certificate: { select: { serialHex: true, subjectDn: true, status: true, revokedAt: true, revocationReason: true, notAfter: true, subscriberUserId: true, subscriberOrganisationId: true } } },
    });
    if (!r) throw domainError("NOT_FOUND");
    const view = reportView(r, ctx.now);
    const answer = await staffDecisionAnswer(ctx.db, ctx.actor!, certificateParties(r.certificate), ctx.now);
    return {
      ...view,
      can: withStaffDecision(view.can, answer),
      description: r.description,
      reporter: { email: r.reporterEmail, name: r.reporterName, locale: r.reporterLocale },
      certificate: { id: r.certificateId, serialHex: r.certificate.serialHex, subjectDn: r.certificate.subjectDn, status: r.certificate.status, revokedAt: r.certificate.revokedAt?.toISOString() ?? null, revocationReason: r.certificate.revocationReason, notAfter: r.certificate.notAfter.toISOString() },
      preliminary: r.preliminaryAt ? { at: r.preliminaryAt.toISOString(), text: r.preliminaryReport ?? "" } : null,
      decision: r.decidedAt ? { at: r.decidedAt.toISOString(), outcome: r.outcome, reason: r.outcomeReason ?? "", ground: r.caGround, revocationReason: r.revocationReason } : null,
    };
  },
});
