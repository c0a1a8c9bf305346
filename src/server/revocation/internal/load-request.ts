import type { RevocationRequest } from "@/generated/prisma/client";
import { type Tx, domainError } from "@/server/core";
import { type CertificateWithObjections, lockCertificate } from "@/server/shared";

/**
 * A request and its certificate, with the certificate's row lock taken first (the same order
 * every status change uses, so no two transactions wait on each other the other way round).
 * The request is re-read after the lock so a concurrent decision is seen.
 */
export async function loadRequestLocked(tx: Tx, requestId: string): Promise<{ request: RevocationRequest; cert: CertificateWithObjections }> {
  const first = await tx.revocationRequest.findUnique({ where: { id: requestId }, select: { certificateId: true } });
  if (!first) throw domainError("NOT_FOUND");
  const cert = await lockCertificate(tx, first.certificateId);
  const request = await tx.revocationRequest.findUniqueOrThrow({ where: { id: requestId } });
  return { request, cert };
}
