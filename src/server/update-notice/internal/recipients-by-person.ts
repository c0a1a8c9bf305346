import type { Tx } from "@/server/core";
import { certificateRecipients } from "@/server/shared";

export interface HeldCertificate {
  id: string;
  serialHex: string;
  subscriberUserId: string | null;
  subscriberOrganisationId: string | null;
}

/**
 * Who hears about an update notice, each person once with all their certificates: the
 * certificate's subscriber and the subscribing organisation's administrators
 * (certificateRecipients), looked up once per holder.
 */
export async function recipientsByPerson(tx: Tx, certificates: readonly HeldCertificate[]): Promise<Map<string, { email: string; locale: string; serials: string[] }>> {
  const perRecipient = new Map<string, { email: string; locale: string; serials: string[] }>();
  const byHolder = new Map<string, Awaited<ReturnType<typeof certificateRecipients>>>();
  for (const c of certificates) {
    const holderKey = `${c.subscriberUserId ?? ""}|${c.subscriberOrganisationId ?? ""}`;
    let recipients = byHolder.get(holderKey);
    if (!recipients) {
      recipients = await certificateRecipients(tx, c);
      byHolder.set(holderKey, recipients);
    }
    for (const r of recipients) {
      const entry = perRecipient.get(r.id) ?? { email: r.email, locale: r.locale, serials: [] };
      entry.serials.push(c.serialHex);
      perRecipient.set(r.id, entry);
    }
  }
  return perRecipient;
}
