/**
 * One acceptance rule (preamble; clause 7.5). The subscriber is a party to one contract, not one
 * per action: the version in force, accepted once by the subject, covers applying, renewing,
 * updating, downloading and using a certificate until a newer version is in force. The context an
 * acceptance was made in (apply, download, ...) is kept as evidence of where it was given, but no
 * check reads it.
 *
 * The subject is the party to the contract: a person for themselves, or an organisation, whose
 * acceptance any of its authorised agents may give (the contract binds the organisation, not the
 * agent who clicked; each agent's own scope is still checked by the action it takes).
 */

export type AgreementSubject = { readonly kind: "person"; readonly userId: string } | { readonly kind: "organisation"; readonly organisationId: string };

/** Who is accepting: the organisation when a person acts for one, else the person. */
export function agreementSubjectOf(args: { userId: string; onBehalfOfOrganisationId?: string | null }): AgreementSubject {
  return args.onBehalfOfOrganisationId ? { kind: "organisation", organisationId: args.onBehalfOfOrganisationId } : { kind: "person", userId: args.userId };
}

/** Whether the subject's most recent acceptance covers an action now; the context is deliberately not an input. */
export function acceptanceCovers(latestAcceptedVersion: number | null | undefined, inForceVersion: number): boolean {
  return latestAcceptedVersion === inForceVersion;
}

/**
 * What a page says about the agreement before an action: nothing (covered), "read and accept"
 * (never accepted), or "you accepted version N, version M is now in force" (changed). Never the
 * last one with N = M: re-acceptance is asked only when the version changed.
 */
export type AgreementStanding =
  | { readonly kind: "covered"; readonly version: number }
  | { readonly kind: "never-accepted"; readonly inForce: number }
  | { readonly kind: "version-changed"; readonly accepted: number; readonly inForce: number };

export function agreementStanding(latestAcceptedVersion: number | null | undefined, inForceVersion: number): AgreementStanding {
  if (acceptanceCovers(latestAcceptedVersion, inForceVersion)) return { kind: "covered", version: inForceVersion };
  if (latestAcceptedVersion == null) return { kind: "never-accepted", inForce: inForceVersion };
  return { kind: "version-changed", accepted: latestAcceptedVersion, inForce: inForceVersion };
}
