import { type Tx, domainError } from "@/server/core";
import type { CertificateWithObjections } from "./certificate-facts";

/**
 * Loads a certificate under its row lock for the rest of the transaction: every change of a
 * certificate's status (receipt, acceptance, hold, release, revocation) queues behind the one
 * before it, so two concurrent changes see each other instead of racing. The one row lock of the
 * portal: certificate and revocation use cases both take it here.
 */
export async function lockCertificate(tx: Tx, certificateId: string): Promise<CertificateWithObjections> {
  await tx.$queryRaw`SELECT "id" FROM "Certificate" WHERE "id" = ${certificateId} FOR UPDATE`;
  const c = await tx.certificate.findUnique({ where: { id: certificateId }, include: { objections: { orderBy: { raisedAt: "asc" } } } });
  if (!c) throw domainError("NOT_FOUND");
  return c;
}
