import { enqueueNotification, type Tx } from "@/server/core";

/**
 * Who waits on a certificate's next step and gets its mails (issue 15, item 3): the person it
 * names, or, for an organisation's certificate, the agent who applied for it. A certificate issued
 * out of band (no application, no person) has nobody to tell.
 */
export async function waitingPartyOf(tx: Tx, cert: { subscriberUserId: string | null; applicationId: string | null }) {
  if (cert.subscriberUserId) return tx.user.findUnique({ where: { id: cert.subscriberUserId }, select: { id: true, email: true, locale: true } });
  if (!cert.applicationId) return null;
  const app = await tx.application.findUnique({ where: { id: cert.applicationId }, select: { applicant: { select: { id: true, email: true, locale: true } } } });
  return app?.applicant ?? null;
}

/**
 * Queues one of the certificate's waiting-step mails to its waiting party, in the caller's
 * transaction (it exists if and only if the change commits); once per certificate and step.
 */
export async function tellWaitingParty(
  tx: Tx,
  now: Date,
  cert: { id: string; subscriberUserId: string | null; applicationId: string | null },
  mail: { template: string; payload: Record<string, unknown>; dedupeKey: string },
): Promise<void> {
  const to = await waitingPartyOf(tx, cert);
  if (!to) return;
  await enqueueNotification(tx, { userId: to.id, toAddress: to.email, locale: to.locale, template: mail.template, payload: mail.payload, dedupeKey: mail.dedupeKey }, now);
}
