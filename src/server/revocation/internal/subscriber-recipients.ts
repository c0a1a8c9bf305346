import type { Certificate } from "@/generated/prisma/client";
import type { UseCaseScope } from "@/server/core";
import { certificateRecipients } from "@/server/shared";

/**
 * Who hears about a certificate's revocation: the person who made the request, the person named
 * in the certificate, and the administrators of the subscribing organisation. One notification
 * each, deduplicated per event and recipient, so a retried use case never mails twice.
 */
export async function notifySubscriber(
  s: Pick<UseCaseScope, "tx" | "notify">,
  args: {
    cert: Pick<Certificate, "id" | "serialHex" | "subscriberUserId" | "subscriberOrganisationId">;
    requestedById?: string | null;
    template: string;
    /** Identifies the event, e.g. "<requestId>"; the recipient's id is appended. */
    eventKey: string;
    payload: Record<string, unknown>;
  },
): Promise<string[]> {
  const users = await certificateRecipients(s.tx, args.cert, [args.requestedById]);
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
