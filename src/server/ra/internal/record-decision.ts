import type { ApplicationEvent } from "@/domain/application";
import type { Application, ApplicationStatus } from "@/generated/prisma/client";
import { nextStatus, updateApplicationIfUnchanged } from "@/server/application";
import { domainError, type UseCaseScope } from "@/server/core";
import { loadApplicationForReview } from "@/server/auth";

/** The use case each decision is (the name its refusal is recorded under). */
const DECISION_NAMES: Partial<Record<ApplicationEvent, string>> = {
  APPROVE: "ra.approve-application",
  REJECT: "ra.reject-application",
  REQUEST_INFO: "ra.request-more-information",
};

/**
 * The common part of an RA decision: load for review, check the transition and the version the
 * officer saw, write it conditionally, and tell the applicant through the outbox.
 */
export async function recordDecision(
  s: UseCaseScope,
  args: { applicationId: string; version?: number; event: ApplicationEvent; reason: string | null; template: string },
): Promise<{ application: Application; to: ApplicationStatus }> {
  // Refused, with the refusal as evidence, when the officer is party to it or it is another RA's.
  const application = await loadApplicationForReview(s, args.applicationId, DECISION_NAMES[args.event] ?? `ra.${args.event}`);
  const to = nextStatus(application, args.event);
  if (args.version !== undefined && args.version !== application.version) throw domainError("CONFLICT");
  await updateApplicationIfUnchanged(s.tx, application, { status: to, reviewerId: s.actor!.userId, decidedAt: s.now, decisionReason: args.reason });
  const applicant = await s.tx.user.findUniqueOrThrow({ where: { id: application.applicantId }, select: { email: true, locale: true } });
  await s.notify({
    userId: application.applicantId,
    toAddress: applicant.email,
    locale: applicant.locale,
    template: args.template,
    payload: { applicationId: application.id, reason: args.reason ?? "", path: `/applications/${application.id}` },
    // Per decision, not per application: an application may be sent back more than once.
    dedupeKey: `${args.template}:${application.id}:${application.version + 1}`,
  });
  return { application, to };
}
