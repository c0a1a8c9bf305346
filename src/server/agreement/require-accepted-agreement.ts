import type { AcceptanceContext } from "@/generated/prisma/client";
import { acceptanceCovers, agreementSubjectOf } from "@/domain/agreement";
import { type Tx, domainError } from "@/server/core";
import { findCurrentAgreementVersion } from "./current-agreement";
import { latestAcceptanceOfSubject } from "./internal/subject-acceptance";

/**
 * Apply, renew, update and download call this first (preamble; 7.5): the subject (the person, or
 * the organisation an agent acts for) must have accepted the version in force now: the one
 * acceptance rule of src/domain/agreement/acceptance.ts. `context` names the action for the
 * caller's reading only; an acceptance given in any context covers every action. A newer version
 * makes the earlier acceptance insufficient even before the subscriber comes back, so the check
 * compares versions rather than trusting "has accepted". The refusal names both versions so the
 * page can say what changed.
 */
export async function requireAcceptedAgreement(
  tx: Tx,
  args: { userId: string; onBehalfOfOrganisationId?: string | null; context: AcceptanceContext; now: Date },
): Promise<{ acceptanceId: string; version: number }> {
  const current = await findCurrentAgreementVersion(tx, args.now);
  if (!current) throw domainError("INTERNAL", { reason: "no agreement version in force" });
  const latest = await latestAcceptanceOfSubject(tx, agreementSubjectOf(args), args.now);
  if (!latest || !acceptanceCovers(latest.version.version, current.version)) {
    throw domainError("AGREEMENT_NOT_ACCEPTED", { version: current.version, acceptedVersion: latest?.version.version ?? null });
  }
  return { acceptanceId: latest.id, version: current.version };
}
