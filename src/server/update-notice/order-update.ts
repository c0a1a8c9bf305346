import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { UPDATE_NOTICE_CONSEQUENCES, UPDATE_REMINDER_WORKDAYS } from "@/domain/update-notice";
import { isCaAdmin } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { recipientsByPerson } from "./internal/recipients-by-person";
import { selectCertificates, updateSelectionSchema } from "./update-selection";

export const orderUpdateInput = z.object({
  selection: updateSelectionSchema,
  /** Why the CA requires the update (clause 4), shown to every affected subscriber. */
  reason: z.string().trim().min(5).max(2000),
  /** By when the subscribers must have updated. */
  deadline: z.coerce.date(),
  /**
   * What happens at the deadline to a certificate not updated (src/domain/update-notice): REVOKE
   * (revoked by the CA, clause 3 (5), as superseded) or NO_ACTION. Stated in the mail and on the
   * subscriber's page; the job "update-notice.deadlines" carries it out.
   */
  consequence: z.enum(UPDATE_NOTICE_CONSEQUENCES).default("REVOKE"),
});

/** The order mail for each consequence: the consequence is told in the words of the mail itself. */
export const UPDATE_ORDERED_TEMPLATES = { REVOKE: "update-notice.ordered", NO_ACTION: "update-notice.ordered-no-revocation" } as const;

/**
 * A CA administrator orders affected subscribers to update their certificates (clause 4): the
 * selection is evaluated now and frozen as the notice's targets (one per certificate), and each
 * affected person (the certificate's subscriber and the organisation's administrators) gets one
 * notification listing their certificates, deduplicated per notice and recipient. A target is
 * done when a replacement certificate is accepted (resolveUpdateNoticeTargets); what happens at the
 * deadline to the others is the notice's `consequence` (sweepUpdateNoticeDeadlines).
 */
export const orderUpdate = defineUseCase({
  name: "update-notice.order",
  input: orderUpdateInput,
  authorize: isCaAdmin,
  async run(s, input) {
    if (input.deadline.getTime() <= s.now.getTime()) throw domainError("UPDATE_NOTICE_DEADLINE_PAST", { field: "deadline" });
    const selected = await selectCertificates(s.tx, input.selection, s.now);
    if (selected.length === 0) throw domainError("UPDATE_NOTICE_NO_TARGETS", { field: "selection" });

    const notice = await s.tx.updateNotice.create({
      data: {
        createdById: s.actor!.userId,
        reason: input.reason,
        deadline: input.deadline,
        consequence: input.consequence,
        selection: JSON.parse(JSON.stringify(input.selection)) as Prisma.InputJsonValue,
        createdAt: s.now,
      },
      select: { id: true },
    });
    await s.tx.updateNoticeTarget.createMany({
      data: selected.map((c) => ({ noticeId: notice.id, certificateId: c.id, notifiedAt: s.now })),
    });

    // One mail per person, naming all their affected certificates.
    const perRecipient = await recipientsByPerson(s.tx, selected);
    for (const [userId, r] of perRecipient) {
      await s.notify({
        userId,
        toAddress: r.email,
        locale: r.locale,
        template: UPDATE_ORDERED_TEMPLATES[input.consequence],
        payload: { noticeId: notice.id, reason: input.reason, deadline: input.deadline.toISOString(), count: r.serials.length, serials: r.serials.join(", "), reminderWorkdays: UPDATE_REMINDER_WORKDAYS, path: "/update-notices" },
        dedupeKey: `update-notice:${notice.id}:${userId}`,
      });
    }
    s.audit({
      action: "update-notice.ordered",
      subjectType: "UpdateNotice",
      subjectId: notice.id,
      summary: {
        selection: input.selection,
        reason: input.reason,
        deadline: input.deadline.toISOString(),
        targets: selected.length,
        recipients: perRecipient.size,
        consequence: input.consequence,
      },
    });
    return { noticeId: notice.id, targets: selected.length, recipients: perRecipient.size };
  },
});
