import type { Tx } from "@/server/core/context";
import { domainError } from "@/server/core/errors";
import type { CertificateWithObjections } from "@/server/shared/certificate-facts";

/**
 * Loads a certificate under its row lock for the rest of the transaction: every change of a
 * certificate's status (hold, release, revocation) queues behind the one before it, so two
 * concurrent revocations see each other instead of racing.
 */
export async function lockCertificateRow(tx: Tx, certificateId: string): Promise<CertificateWithObjections> {
  await tx.$queryRaw`SELECT "id" FROM "Certificate" WHERE "id" = ${certificateId} FOR UPDATE`;
  const c = await tx.certificate.findUnique({ where: { id: certificateId }, include: { objections: { orderBy: { raisedAt: "asc" } } } });
  if (!c) throw domainError("NOT_FOUND");
  return c;
}
