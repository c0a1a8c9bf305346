import { z } from "zod";
import { isRevocationStaff, requireHolder } from "@/server/auth";
import { domainError, isDomainError, defineQuery } from "@/server/core";
import { requestView } from "./internal/request-view";

export const listRevocationRequestsInput = z.object({ certificateId: z.string().uuid() });

/**
 * The loss reports, revocation requests and hold releases of one certificate, newest first, each
 * with its received, compliant, due and done times and its SLA state: for the subscriber's
 * certificate page and the officer's case view.
 */
export const listRevocationRequests = defineQuery({
  name: "revocation.list-requests",
  input: listRevocationRequestsInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const cert = await ctx.db.certificate.findUnique({ where: { id: input.certificateId }, select: { id: true, subscriberUserId: true, subscriberOrganisationId: true } });
    if (!cert) throw domainError("NOT_FOUND");
    if (!isRevocationStaff(ctx.actor!)) {
      try {
        await requireHolder(ctx.db, cert, ctx.actor!, "RECEIPT", ctx.now);
      } catch (e) {
        if (isDomainError(e)) throw domainError("NOT_FOUND");
        throw e;
      }
    }
    const rows = await ctx.db.revocationRequest.findMany({ where: { certificateId: cert.id }, orderBy: [{ receivedAt: "desc" }, { id: "asc" }] });
    return rows.map((r) => requestView(r, ctx.now));
  },
});
