import { z } from "zod";
import { allowedRevocationRequestActions } from "@/domain/revocation";
import { isRaOfficer } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";
import { requestView } from "./internal/request-view";

export const getRevocationCaseInput = z.object({ requestId: z.string().uuid() });

/**
 * One revocation request as the officer works it: the request with its clock, the certificate, who
 * asked, and `can` (confirm, reject, carry out: the rule the use cases enforce).
 */
export const getRevocationCase = defineQuery({
  name: "console.get-revocation-case",
  input: getRevocationCaseInput,
  authorize: isRaOfficer,
  async run(ctx, input) {
    const r = await ctx.db.revocationRequest.findUnique({
      where: { id: input.requestId },
      include: {
        certificate: { select: { id: true, serialHex: true, subjectDn: true, status: true, notAfter: true, holdAt: true } },
      },
    });
    if (!r) throw domainError("NOT_FOUND");
    const requester = r.requestedById
      ? await ctx.db.user.findUnique({ where: { id: r.requestedById }, select: { email: true, displayName: true } })
      : null;
    return { request: requestView(r, ctx.now), certificate: r.certificate, requester, note: r.note ?? null, can: allowedRevocationRequestActions(r) };
  },
});
