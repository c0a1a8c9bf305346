import { z } from "zod";
import { agreementStanding, agreementSubjectOf } from "@/domain/agreement";
import { ACCEPTANCE_CONTEXTS, SCOPE_FOR_CONTEXT } from "@/server/agreement/accept-agreement";
import { mayActForOrganisation } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";
import { findCurrentAgreementVersion } from "./current-agreement";
import { latestAcceptanceOfSubject } from "./internal/subject-acceptance";

/**
 * Whether the signed-in person (for an organisation, when given) is covered by an acceptance of
 * the version in force, under the one acceptance rule that requireAcceptedAgreement enforces, so a
 * page can show the agreement before the action rather than after a refusal. When not covered it
 * says which version the subject last accepted (null: never), so the page can say what changed.
 * `context` is the action the page is about; it does not change the answer, only `mayAccept`:
 * whether this person may accept for the organisation (the agent scope of the action, the same
 * check acceptAgreement makes), so a named holder or an agent without that scope is told who must
 * accept instead of being offered an accept button that would be refused.
 */
export const agreementGate = defineQuery({
  name: "portal.agreement.gate",
  input: z.object({ context: z.enum(ACCEPTANCE_CONTEXTS), onBehalfOfOrganisationId: z.string().uuid().nullable().optional() }),
  authorize: "signed-in",
  async run(ctx, input) {
    const current = await findCurrentAgreementVersion(ctx.db, ctx.now);
    if (!current) throw domainError("INTERNAL", { reason: "no agreement version in force" });
    const subject = agreementSubjectOf({ userId: ctx.actor!.userId, onBehalfOfOrganisationId: input.onBehalfOfOrganisationId ?? null });
    const latest = await latestAcceptanceOfSubject(ctx.db, subject, ctx.now);
    const standing = agreementStanding(latest?.version.version ?? null, current.version);
    if (standing.kind === "covered") return { accepted: true as const, standing };
    const organisationId = input.onBehalfOfOrganisationId ?? null;
    const mayAccept = organisationId
      ? await mayActForOrganisation(ctx.db, { userId: ctx.actor!.userId, organisationId, scope: SCOPE_FOR_CONTEXT[input.context], now: ctx.now })
      : true;
    return { accepted: false as const, standing, inForce: current.version, acceptedVersion: standing.kind === "version-changed" ? standing.accepted : null, mayAccept };
  },
});
