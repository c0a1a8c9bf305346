import { z } from "zod";
import { allowedRevocationRequestActions } from "@/domain/revocation";
import { certificateParties, isRaOfficer, staffDecisionAnswer, withStaffDecision } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";
import { holderDeclaration } from "./internal/holder-declaration";
export type { HolderDeclaration } from "./internal/holder-declaration";
import { requestView } from "./internal/request-view";

export const getRevocationCaseInput = z.object({ requestId: z.string().uuid() });

/**
 * One revocation request as the officer works it: the request with its clock, the certificate, who
 * asked, a hold release's declaration by the holder, and `can` (confirm, reject, carry out: the rule the use cases enforce, CONFLICT_OF_INTEREST
 * for an officer party to it: the requester, the subscriber, a member or agent of its organisation).
 */
export const getRevocationCase = defineQuery({
  name: "console.get-revocation-case",
  input: getRevocationCaseInput,
  authorize: isRaOfficer,
  async run(ctx, input) {
    const r = await ctx.db.revocationRequest.findUnique({
      where: { id: input.requestId },
      include: {
        certificate: { select: { id: true, serialHex: true, subjectDn: true, status: true, notAfter: true, holdAt: true, subscriberUserId: true, subscriberOrganisationId: true } },
      },
    });
    if (!r) throw domainError("NOT_FOUND");
    const requester = r.requestedById
      ? await ctx.db.user.findUnique({ where: { id: r.requestedById }, select: { email: true, displayName: true } })
      : null;
    const party = await staffDecisionAnswer(ctx.db, ctx.actor!, certificateParties(r.certificate, r.requestedById), ctx.now);
    return {
      request: requestView(r, ctx.now),
      certificate: r.certificate,
      requester,
      note: r.note ?? null,
      holderDeclaration: r.kind === "HOLD_RELEASE" ? await holderDeclaration(ctx.db, r.id) : null,
      can: withStaffDecision(allowedRevocationRequestActions(r), party),
    };
  },
});
