import type { SupportRequest } from "@/generated/prisma/client";
import { supportDeskOfficers } from "@/server/auth";
import type { UseCaseScope } from "@/server/core";

/**
 * Tells the desk that a request waits for it (opened, or the requester answered): the officer who
 * took it if the desk still holds them, or else every officer whose desk holds it (auth/support-desk-access.ts). The link opens
 * the staff thread. One mail per officer and message (dedupe key).
 */
export async function mailDesk(s: UseCaseScope, request: Pick<SupportRequest, "id" | "userId" | "certificateId" | "subject" | "assignedToId">, args: { template: "support.desk-new" | "support.desk-answered"; messageId: string }) {
  const officers = await supportDeskOfficers(s.tx, request);
  // The handler alone when they are one of those officers; otherwise (a CA administrator took it,
  // or the handler was disabled or moved to another RA since) the whole desk, so no answer goes unread.
  const handler = request.assignedToId ? officers.filter((o) => o.id === request.assignedToId) : [];
  const recipients = handler.length > 0 ? handler : officers;
  for (const o of recipients) {
    await s.notify({
      userId: o.id,
      toAddress: o.email,
      locale: o.locale,
      template: args.template,
      payload: { subject: request.subject, path: `/ra/support/${request.id}` },
      dedupeKey: `${args.template}:${args.messageId}:${o.id}`,
    });
  }
}

/** Tells the requester of a desk step (an answer, closing); nothing for an anonymised account. */
export async function mailRequester(s: UseCaseScope, request: Pick<SupportRequest, "id" | "userId" | "subject">, args: { template: "support.answered" | "support.closed"; dedupeKey: string }) {
  const owner = await s.tx.user.findUniqueOrThrow({ where: { id: request.userId }, select: { id: true, email: true, locale: true, anonymisedAt: true } });
  if (owner.anonymisedAt) return;
  await s.notify({
    userId: owner.id,
    toAddress: owner.email,
    locale: owner.locale,
    template: args.template,
    payload: { subject: request.subject, path: `/support/${request.id}` },
    dedupeKey: args.dedupeKey,
  });
}
