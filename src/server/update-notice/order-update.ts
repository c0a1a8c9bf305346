import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { isCaAdmin } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { certificateRecipients } from "@/server/shared";
import { selectCertificates, updateSelectionSchema } from "./update-selection";

export const orderUpdateInput = z.object({
  selection: updateSelectionSchema,
  /** Why the CA requires the update (clause 4), shown to every affected subscriber. */
  reason: z.string().trim().min(5).max(2000),
  /** By when the subscribers must have updated. */
  deadline: z.coerce.date(),
});

/**
 * A CA administrator orders affected subscribers to update their certificates (clause 4): the
 * selection is evaluated now and frozen as the notice's targets (one per certificate), and each
 * affected person (the certificate's subscriber and the organisation's administrators) gets one
 * notification listing their certificates, deduplicated per notice and recipient. A target is
 * done when a replacement certificate is accepted (resolveUpdateNoticeTargets).
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
        selection: JSON.parse(JSON.stringify(input.selection)) as Prisma.InputJsonValue,
        createdAt: s.now,
      },
      select: { id: true },
    });
    await s.tx.updateNoticeTarget.createMany({
      data: selected.map((c) => ({ noticeId: notice.id, certificateId: c.id, notifiedAt: s.now })),
    });

    // One mail per person, naming all their affected certificates.
    const perRecipient = new Map<string, { email: string; locale: string; serials: string[] }>();
    const recipientsByHolder = new Map<string, Awaited<ReturnType<typeof certificateRecipients>>>();
    for (const c of selected) {
      const holderKey = `${c.subscriberUserId ?? ""}|${c.subscriberOrganisationId ?? ""}`;
      let recipients = recipientsByHolder.get(holderKey);
      if (!recipients) {
        recipients = await certificateRecipients(s.tx, c);
        recipientsByHolder.set(holderKey, recipients);
      }
      for (const r of recipients) {
        const entry = perRecipient.get(r.id) ?? { email: r.email, locale: r.locale, serials: [] };
        entry.serials.push(c.serialHex);
        perRecipient.set(r.id, entry);
      }
    }
    for (const [userId, r] of perRecipient) {
      await s.notify({
        userId,
        toAddress: r.email,
        locale: r.locale,
        template: "update-notice.ordered",
        payload: { noticeId: notice.id, reason: input.reason, deadline: input.deadline.toISOString(), count: r.serials.length, serials: r.serials.join(", "), path: "/update-notices" },
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
      },
    });
    return { noticeId: notice.id, targets: selected.length, recipients: perRecipient.size };
  },
});
