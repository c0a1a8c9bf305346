import { z } from "zod";
import { profileAllowsServerKeyGeneration } from "@/server/application";
import { defineQuery } from "@/server/core";

export const listFeeScheduleInput = z.object({}).strict();

/**
 * How a fee is paid, as the application wizard tells the applicant (applyWizard.feeHow): at a
 * registration authority's counter, or by bank transfer; the RA records the payment and the
 * application is then reviewed. The portal holds no bank account details (no setting, no profile
 * column), so the schedule says where to ask for them instead of printing any.
 */
export const FEE_PAYMENT_CHANNELS = ["RA_COUNTER", "BANK_TRANSFER"] as const;

export interface FeeScheduleEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  subjectType: "INDIVIDUAL" | "ORGANISATION";
  /** In cents (分), as the wizard shows it and submission copies it onto the application. */
  feeCents: number;
  validityDays: number;
  keyAlgorithms: string[];
  /** Key made in the applicant's browser (always), or also on the server into a PKCS#12 file. */
  serverKeyGeneration: boolean;
  renewal: { opensDaysBefore: number; closesDaysAfter: number; continuesValidity: boolean };
  /** When the profile (fee included) last changed: the schedule's "as of". */
  updatedAt: Date;
}

/**
 * The public fee schedule (agreement clause 1.9: fees are announced on the website): every
 * certificate type on offer with its fee and what it includes, read from the same profile rows
 * the application wizard reads (listProfiles), so the two cannot disagree. Open to everyone.
 */
export const listFeeSchedule = defineQuery({
  name: "public.fee-schedule",
  input: listFeeScheduleInput,
  authorize: "public",
  async run(ctx) {
    const rows = await ctx.db.certificateProfile.findMany({
      where: { active: true },
      orderBy: [{ subjectType: "asc" }, { code: "asc" }],
      select: {
        code: true, nameZh: true, nameEn: true, kind: true, subjectType: true, feeCents: true, validityDays: true, allowedKeyAlgorithms: true,
        renewalOpensDaysBefore: true, renewalClosesDaysAfter: true, renewalContinuesValidity: true, updatedAt: true,
      },
    });
    const profiles: FeeScheduleEntry[] = rows.map((r) => ({
      code: r.code,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      kind: r.kind,
      subjectType: r.subjectType,
      feeCents: r.feeCents,
      validityDays: r.validityDays,
      keyAlgorithms: Array.isArray(r.allowedKeyAlgorithms) ? r.allowedKeyAlgorithms.filter((a): a is string => typeof a === "string") : [],
      serverKeyGeneration: profileAllowsServerKeyGeneration(r.code),
      renewal: { opensDaysBefore: r.renewalOpensDaysBefore, closesDaysAfter: r.renewalClosesDaysAfter, continuesValidity: r.renewalContinuesValidity },
      updatedAt: r.updatedAt,
    }));
    const asOf = profiles.reduce<Date | null>((latest, p) => (!latest || p.updatedAt > latest ? p.updatedAt : latest), null);
    return { profiles, paymentChannels: FEE_PAYMENT_CHANNELS, asOf };
  },
});
