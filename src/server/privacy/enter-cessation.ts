import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { approvedAdminAction, isCustomer } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { CESSATION_KEY, readCessation, type CessationState } from "./cessation";

export const enterCessationInput = z.object({
  /** Typed confirmation: this stops sign-ups and applications for everyone. */
  confirm: z.literal(true),
  successor: z.string().trim().max(200).optional(),
  note: z.string().trim().max(2000).optional(),
});

const BATCH = 1000;

/**
 * Cessation mode: a CA administrator switches it on; from then on sign-up and new applications are
 * refused (assertNotInCessation), and every subscriber and agent is told through the outbox (one
 * mail each, keyed by the cessation's start so a retry never mails twice). The hand-over export
 * for the successor CA is then available (exportForSuccessor).
 */
export const enterCessation = defineUseCase({
  name: "privacy.enter-cessation",
  input: enterCessationInput,
  // Dual control: runs only as an approved request (src/server/approval), never on one administrator's word.
  authorize: approvedAdminAction("CESSATION_ON"),
  async run(s, input) {
    await s.tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x7e7e_0007})`);
    if ((await readCessation(s.tx)).active) throw domainError("CESSATION_STATE_MISMATCH", { reason: "already active" });
    const since = s.now.toISOString();
    const state: CessationState = { active: true, since, startedById: s.actor!.userId, successor: input.successor ?? null, note: input.note ?? null };
    await s.tx.appSetting.upsert({
      where: { key: CESSATION_KEY },
      create: { key: CESSATION_KEY, value: state as unknown as Prisma.InputJsonValue },
      update: { value: state as unknown as Prisma.InputJsonValue },
    });
    // Role arrays are filtered in JS: the PGlite adapter fails on enum-array filters (CONTRACTS.md).
    const users = await s.tx.user.findMany({
      where: { anonymisedAt: null, disabledAt: null },
      select: { id: true, email: true, locale: true, roles: true },
      orderBy: { id: "asc" },
    });
    const recipients = users.filter(isCustomer);
    for (let i = 0; i < recipients.length; i += BATCH) {
      await s.tx.notification.createMany({
        data: recipients.slice(i, i + BATCH).map((u) => ({
          userId: u.id,
          toAddress: u.email,
          locale: u.locale,
          template: "privacy.cessation-notice",
          payload: { successor: input.successor ?? "-", since, path: "/my-data" },
          dedupeKey: `cessation:${since}:${u.id}`,
          nextAttemptAt: s.now,
          createdAt: s.now,
        })),
        skipDuplicates: true,
      });
    }
    s.audit({ action: "privacy.cessation-entered", subjectType: "AppSetting", subjectId: CESSATION_KEY, summary: { since, successor: input.successor ?? null, notified: recipients.length } });
    return { since, notified: recipients.length };
  },
});
