import type { RevocationRequest } from "@/generated/prisma/client";
import type { Tx } from "@/server/core/context";
import { domainError } from "@/server/core/errors";
import type { CertificateWithObjections } from "@/server/shared/certificate-facts";
import { lockCertificate } from "@/server/shared/certificate-lock";

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
