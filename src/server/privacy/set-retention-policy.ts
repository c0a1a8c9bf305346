import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { isCaAdmin } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { LEGAL_MINIMUM_YEARS, loadRetentionPolicy, RETENTION_SETTING_KEY } from "./internal/retention-policy";

export const setRetentionPolicyInput = z.object({
  /** Years after a certificate's expiry its records are kept; the CPS may require more than the law's five. */
  certificateYearsAfterExpiry: z.number().int().max(100),
  signInAttemptDays: z.number().int().min(1).max(3650).optional(),
});

/** A CA administrator sets the retention period from the CPS; below the legal five years is refused. */
export const setRetentionPolicy = defineUseCase({
  name: "privacy.set-retention-policy",
  input: setRetentionPolicyInput,
  authorize: isCaAdmin,
  async run(s, input) {
    if (input.certificateYearsAfterExpiry < LEGAL_MINIMUM_YEARS) throw domainError("RETENTION_TOO_SHORT", { rule: "electronic-signature-law-art-24" });
    const before = await loadRetentionPolicy(s.tx);
    const value = { ...before, ...input };
    await s.tx.appSetting.upsert({
      where: { key: RETENTION_SETTING_KEY },
      create: { key: RETENTION_SETTING_KEY, value: value as unknown as Prisma.InputJsonValue },
      update: { value: value as unknown as Prisma.InputJsonValue },
    });
    s.audit({ action: "privacy.retention-policy-set", subjectType: "AppSetting", subjectId: RETENTION_SETTING_KEY, summary: { from: { ...before }, to: value } });
    return value;
  },
});
