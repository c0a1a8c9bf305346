import type { Tx } from "@/server/core/context";
import { domainError } from "@/server/core/errors";
import type { CertificateWithObjections } from "./certificate-facts";

/** Takes the certificate's row lock for the rest of the transaction (state changes on one certificate queue up). */
export async function lockCertificate(tx: Tx, certificateId: string): Promise<CertificateWithObjections> {
  await tx.$queryRaw`SELECT "id" FROM "Certificate" WHERE "id" = ${certificateId} FOR UPDATE`;
  const c = await tx.certificate.findUnique({ where: { id: certificateId }, include: { objections: { orderBy: { raisedAt: "asc" } } } });
  if (!c) throw domainError("NOT_FOUND");
  return c;
}
