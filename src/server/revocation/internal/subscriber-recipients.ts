import type { Certificate } from "@/generated/prisma/client";
import type { UseCaseScope } from "@/server/core";

/**
 * Who hears about a certificate's revocation: the person who made the request, the person named
 * in the certificate, and the administrators of the subscribing organisation. One notification
 * each, deduplicated per event and recipient, so a retried use case never mails twice.
 */
export async function notifySubscriber(
  s: UseCaseScope,
  args: {
    cert: Pick<Certificate, "id" | "serialHex" | "subscriberUserId" | "subscriberOrganisationId">;
    requestedById?: string | null;
    template: string;
    /** Identifies the event, e.g. "<requestId>"; the recipient's id is appended. */
    eventKey: string;
    payload: Record<string, unknown>;
  },
): Promise<string[]> {
  const ids = new Set<string>();
  if (args.requestedById) ids.add(args.requestedById);
  if (args.cert.subscriberUserId) ids.add(args.cert.subscriberUserId);
  if (args.cert.subscriberOrganisationId) {
    const admins = await s.tx.organisationMember.findMany({
      where: { organisationId: args.cert.subscriberOrganisationId, role: "ADMIN", removedAt: null },
      select: { userId: true },
    });
    for (const a of admins) ids.add(a.userId);
  }
  const users = await s.tx.user.findMany({
    where: { id: { in: [...ids] }, disabledAt: null, anonymisedAt: null },
    select: { id: true, email: true, locale: true },
    orderBy: { id: "asc" },
  });
  for (const u of users) {
    await s.notify({
      userId: u.id,
      toAddress: u.email,
      locale: u.locale,
      template: args.template,
      payload: { certificateId: args.cert.id, serialHex: args.cert.serialHex, path: `/certificates/${args.cert.id}`, ...args.payload },
      dedupeKey: `${args.template}:${args.eventKey}:${u.id}`,
    });
  }
  return users.map((u) => u.id);
}
