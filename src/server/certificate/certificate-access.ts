import type { AgentScope } from "@/generated/prisma/client";
import { mayActForOrganisation } from "@/server/agreement/organisation-authority";
import type { Actor, Tx } from "@/server/core/context";
import { domainError } from "@/server/core/errors";
import type { CertificateWithObjections } from "./certificate-facts";

/** Takes the certificate's row lock for the rest of the transaction (state changes on one certificate queue up). */
export async function lockCertificate(tx: Tx, certificateId: string): Promise<CertificateWithObjections> {
  await tx.$queryRaw`SELECT "id" FROM "Certificate" WHERE "id" = ${certificateId} FOR UPDATE`;
  const c = await tx.certificate.findUnique({ where: { id: certificateId }, include: { objections: { orderBy: { raisedAt: "asc" } } } });
  if (!c) throw domainError("NOT_FOUND");
  return c;
}

/**
 * Whether the actor holds the certificate: the subscriber in person, or someone who may act for
 * the subscribing organisation with the given agent scope now. Everyone else gets NOT_FOUND, so
 * certificate ids cannot be probed.
 */
export async function assertHolder(tx: Tx, c: { subscriberUserId: string | null; subscriberOrganisationId: string | null }, actor: Actor, scope: AgentScope, now: Date): Promise<void> {
  if (c.subscriberOrganisationId) {
    if (await mayActForOrganisation(tx, { userId: actor.userId, organisationId: c.subscriberOrganisationId, scope, now })) return;
    // The named holder of an organisation certificate may test and accept it too.
    if (c.subscriberUserId === actor.userId && scope !== "DOWNLOAD") return;
    throw domainError("NOT_FOUND");
  }
  if (c.subscriberUserId !== actor.userId) throw domainError("NOT_FOUND");
}
