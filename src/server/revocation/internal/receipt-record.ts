import { reasonCode } from "@/domain/revocation";
import { isRevocationStaff, requireHolder } from "@/server/auth";
import { canonicalJson, domainError, isDomainError, type ServiceContext } from "@/server/core";
import { requestView, type RevocationRequestView } from "./request-view";

/** What a revocation receipt says (version 2): the request, the certificate, the revocation if any. */
export interface RevocationReceiptBody {
  type: "revocation-receipt";
  version: 2;
  request: Omit<RevocationRequestView, "sla"> & { sla: "met" | "missed" | null; onBehalfOfOrganisationId: string | null; requestedById: string | null };
  certificate: { id: string; serialHex: string; subjectDn: string; issuerDn: string; notBefore: string; notAfter: string; holdAt: string | null };
  revocation: { revokedAt: string; reason: string; reasonCodeNumber: number; invalidityDate: string | null; byThisRequest: boolean } | null;
}

/**
 * The receipt's record and its exact bytes (canonical JSON), read for the caller: the requester,
 * a holder of the certificate (RECEIPT), or revocation staff; anyone else NOT_FOUND. One reading
 * for the signed files (get-revocation-receipt.ts) and the readable page
 * (get-revocation-receipt-view.ts), so the page always describes the bytes the files sign.
 */
export async function loadReceiptRecord(
  ctx: ServiceContext & { now: Date },
  input: { requestId: string; certificateId?: string },
): Promise<{ body: RevocationReceiptBody; json: string }> {
  const actor = ctx.actor!;
  const request = await ctx.db.revocationRequest.findUnique({
    where: { id: input.requestId },
    include: { certificate: { include: { issuer: { select: { subjectDn: true } } } }, revocation: true },
  });
  if (!request || (input.certificateId !== undefined && request.certificateId !== input.certificateId)) throw domainError("NOT_FOUND");
  if (!isRevocationStaff(actor) && request.requestedById !== actor.userId) {
    try {
      await requireHolder(ctx.db, request.certificate, actor, "RECEIPT", ctx.now);
    } catch (e) {
      if (isDomainError(e)) throw domainError("NOT_FOUND");
      throw e;
    }
  }
  const cert = request.certificate;
  const revocation = request.revocation ?? (await ctx.db.revocation.findUnique({ where: { certificateId: cert.id } }));
  const view = requestView(request, ctx.now);
  // An open deadline's standing (ok, due soon, overdue) changes with the clock, not the record.
  const sla = view.sla === "met" || view.sla === "missed" ? view.sla : null;
  const body: RevocationReceiptBody = {
    type: "revocation-receipt",
    version: 2,
    request: { ...view, sla, onBehalfOfOrganisationId: request.onBehalfOfOrganisationId, requestedById: request.requestedById },
    certificate: {
      id: cert.id,
      serialHex: cert.serialHex,
      subjectDn: cert.subjectDn,
      issuerDn: cert.issuer.subjectDn,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
      holdAt: cert.holdAt?.toISOString() ?? null,
    },
    revocation: revocation
      ? {
          revokedAt: revocation.revokedAt.toISOString(),
          reason: revocation.reasonCode,
          reasonCodeNumber: reasonCode(revocation.reasonCode),
          invalidityDate: revocation.invalidityDate?.toISOString() ?? null,
          byThisRequest: revocation.requestId === request.id,
        }
      : null,
  };
  return { body, json: canonicalJson(body) };
}
