import type { Tx } from "@/server/core";

export interface Recipient {
  id: string;
  email: string;
  locale: string;
}

/**
 * Who is told about a certificate's life cycle (expiry, ordered update, supersession): the
 * person it names, and the administrators of the subscribing organisation. Disabled and
 * anonymised accounts are left out. Sorted by id so that notification order is stable. `also`
 * adds people the event concerns besides the holders (e.g. whoever asked for a revocation).
 */
export async function certificateRecipients(
  tx: Tx,
  cert: { subscriberUserId: string | null; subscriberOrganisationId: string | null },
  also: readonly (string | null | undefined)[] = [],
): Promise<Recipient[]> {
  const ids = new Set<string>(also.filter((id): id is string => Boolean(id)));
  if (cert.subscriberUserId) ids.add(cert.subscriberUserId);
  if (cert.subscriberOrganisationId) {
    const admins = await tx.organisationMember.findMany({
      where: { organisationId: cert.subscriberOrganisationId, role: "ADMIN", removedAt: null },
      select: { userId: true },
    });
    for (const a of admins) ids.add(a.userId);
  }
  if (ids.size === 0) return [];
  return tx.user.findMany({
    where: { id: { in: [...ids] }, disabledAt: null, anonymisedAt: null },
    select: { id: true, email: true, locale: true },
    orderBy: { id: "asc" },
  });
}
