import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { approvedAdminAction } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { CESSATION_KEY, readCessation } from "./cessation";

export const leaveCessationInput = z.object({ confirm: z.literal(true), reason: z.string().trim().min(1).max(2000) });

/** Undoes a cessation switched on in error (or a cessation called off); the reason is recorded. */
export const leaveCessation = defineUseCase({
  name: "privacy.leave-cessation",
  input: leaveCessationInput,
  // Dual control: runs only as an approved request (src/server/approval), never on one administrator's word.
  authorize: approvedAdminAction("CESSATION_OFF"),
  async run(s, input) {
    const state = await readCessation(s.tx);
    if (!state.active) throw domainError("CESSATION_STATE_MISMATCH", { reason: "not active" });
    const value = { active: false, endedAt: s.now.toISOString(), previous: { ...state } };
    await s.tx.appSetting.update({ where: { key: CESSATION_KEY }, data: { value: value as unknown as Prisma.InputJsonValue } });
    s.audit({ action: "privacy.cessation-left", subjectType: "AppSetting", subjectId: CESSATION_KEY, summary: { since: state.since ?? null, reason: input.reason } });
    return { endedAt: s.now };
  },
});
