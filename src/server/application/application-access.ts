import type { Application } from "@/generated/prisma/client";
import { type Actor, type Tx, domainError, isDomainError } from "@/server/core";
import { requireOrganisationAuthority, type OrganisationAuthority } from "@/server/auth";
import { AGENT_SCOPE_FOR_KIND } from "@/server/shared";

export type ApplicantAccess = { application: Application; via: "APPLICANT" | OrganisationAuthority["via"]; agentAuthorisationId: string | null };

/**
 * Loads an application for the subscriber side: the individual who made it, or for an
 * organisation's application anyone who may act for the organisation now (an admin, or an agent
 * whose authorisation is in force and covers the application's kind). Everyone else gets
 * NOT_FOUND, so ids cannot be probed; an agent whose authorisation lapsed is told so.
 */
export async function loadApplicationAsApplicant(tx: Tx, actor: Actor, applicationId: string, now: Date): Promise<ApplicantAccess> {
  const application = await tx.application.findUnique({ where: { id: applicationId } });
  if (!application) throw domainError("NOT_FOUND");
  if (!application.organisationId) {
    if (application.applicantId !== actor.userId) throw domainError("NOT_FOUND");
    return { application, via: "APPLICANT", agentAuthorisationId: null };
  }
  try {
    const authority = await requireOrganisationAuthority(tx, {
      userId: actor.userId,
      organisationId: application.organisationId,
      scope: AGENT_SCOPE_FOR_KIND[application.kind],
      now,
    });
    return { application, via: authority.via, agentAuthorisationId: authority.via === "AGENT" ? authority.authorisationId : null };
  } catch (e) {
    if (isDomainError(e) && e.code === "FORBIDDEN") throw domainError("NOT_FOUND");
    throw e;
  }
}
