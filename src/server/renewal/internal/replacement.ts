import { isCaError, parseCsr } from "@/ca";
import { TERMINAL_APPLICATION_STATUSES } from "@/domain/application";
import { assignableRegistrationAuthority } from "@/server/application";
import { requireOrganisationAuthority } from "@/server/auth";
import { type Actor, type Tx, domainError, isDomainError } from "@/server/core";

type Scope = Parameters<typeof requireOrganisationAuthority>[1]["scope"];

/**
 * Who may start an application replacing this certificate (renewal, rekey, change): for an
 * organisation's certificate, its administrator or an agent authorised now for `scope` (the
 * agent's authorisation is returned, to be recorded); otherwise its own subscriber. Anyone else
 * gets NOT_FOUND, so the certificate's existence is not disclosed.
 */
export async function replacementApplicant(
  tx: Tx,
  cert: { subscriberUserId: string | null; subscriberOrganisationId: string | null },
  actor: Actor,
  scope: Scope,
  now: Date,
): Promise<{ agentAuthorisationId: string | null }> {
  const orgId = cert.subscriberOrganisationId;
  if (!orgId) {
    if (cert.subscriberUserId !== actor.userId) throw domainError("NOT_FOUND");
    return { agentAuthorisationId: null };
  }
  try {
    const authority = await requireOrganisationAuthority(tx, { userId: actor.userId, organisationId: orgId, scope, now });
    return { agentAuthorisationId: authority.via === "AGENT" ? authority.authorisationId : null };
  } catch (e) {
    if (isDomainError(e) && e.code === "FORBIDDEN") throw domainError("NOT_FOUND");
    throw e;
  }
}

/** The application already under way that replaces this certificate (one at a time), if any. */
export async function openReplacement(tx: Tx, certificateId: string): Promise<{ id: string } | null> {
  return tx.application.findFirst({
    where: { replacesCertificateId: certificateId, status: { notIn: [...TERMINAL_APPLICATION_STATUSES] } },
    select: { id: true },
  });
}

/** The RA that handled the application being replaced, unless it has merged or closed since (then the one new applications go to). */
export async function replacementRegistrationAuthority(tx: Tx, previousRaId: string | null): Promise<string> {
  if (previousRaId) {
    const ra = await tx.registrationAuthority.findUnique({ where: { id: previousRaId }, select: { status: true } });
    if (ra?.status === "ACTIVE") return previousRaId;
  }
  return (await assignableRegistrationAuthority(tx, null)).id;
}

/** A PKCS#10 request sent with the replacement, parsed and checked; a bad one is CSR_INVALID on the field. */
export function readReplacementCsr(pem: string) {
  try {
    return parseCsr(pem);
  } catch (e) {
    if (isCaError(e)) throw domainError("CSR_INVALID", { field: "csrPem", reason: e.code });
    throw e;
  }
}
