import { z } from "zod";
import { PROFILES } from "@/ca/issuance/profiles";
import { requiredDocumentKinds } from "./internal/required-documents";
import { profileAllowsServerKeyGeneration, profileNeedsHolderName, profileNeedsUsageScope } from "@/server/application/subject-details";
import { type ServiceContext, defineQuery } from "@/server/core";

/** The order a person meets the kinds in: signing first (what most apply for), encryption last. */
const KIND_ORDER = ["SIGNATURE", "SEAL", "TLS_CLIENT", "ENCRYPTION"] as const;

const subjectTypeInput = z.object({ subjectType: z.enum(["INDIVIDUAL", "ORGANISATION"]) });

async function listProfilesFor(ctx: ServiceContext, subjectType: "INDIVIDUAL" | "ORGANISATION") {
  const rows = await ctx.db.certificateProfile.findMany({
    where: { active: true, subjectType },
    orderBy: { code: "asc" },
    select: { code: true, kind: true, nameZh: true, nameEn: true, feeCents: true, validityDays: true, usageScope: true, allowedKeyAlgorithms: true },
  });
  const rank = (kind: string) => {
    const i = (KIND_ORDER as readonly string[]).indexOf(kind);
    return i === -1 ? KIND_ORDER.length : i;
  };
  // Within a kind the international profiles come first: the wizard preselects the first one, and most applicants
  // want a certificate every tool checks; the SM2 ones (GM/T) follow, named as such.
  const sm2 = (code: string) => (PROFILES[code]?.family === "sm2" ? 1 : 0);
  return rows
    .sort((a, b) => rank(a.kind) - rank(b.kind) || sm2(a.code) - sm2(b.code) || a.code.localeCompare(b.code))
    .map(({ allowedKeyAlgorithms, ...r }) => {
      const subject = PROFILES[r.code]?.subject ?? [];
      return {
        ...r,
        /** The key algorithms the profile accepts ("EC-P256", "RSA-2048", "SM2"): the wizard makes the browser key from them. */
        keyAlgorithms: Array.isArray(allowedKeyAlgorithms) ? allowedKeyAlgorithms.filter((a): a is string => typeof a === "string") : [],
        usageScopes: [...(PROFILES[r.code]?.usageScopes ?? ["项目", "系统", "平台"])],
        serverKeyGeneration: profileAllowsServerKeyGeneration(r.code),
        /** A named person is in the certificate (CN = full name): the holder's identity is asked for. */
        needsHolderName: profileNeedsHolderName(r.code),
        /** Clause 1.5's usage scope is asked (organisations; a private person names none): profileNeedsUsageScope decides. */
        needsUsageScope: profileNeedsUsageScope(r.code),
        /** The seal's name (CN of a seal certificate) must be typed. */
        needsSealName: subject.some((f) => f.from === "sealName" && f.required),
        /** Whether an organisation unit (OU) may be typed. */
        allowsDepartment: subject.some((f) => f.from === "department"),
        /** Documents asked for up front; an individual's depend on the ID document type chosen later. */
        documents: subjectType === "ORGANISATION" ? requiredDocumentKinds({ subjectType: "ORGANISATION", profileCode: r.code }) : [],
      };
    });
}

/** The certificate types on offer to a person or to an organisation (signing, seal), in kind order. */
export const listProfiles = defineQuery({
  name: "portal.profile.list",
  input: subjectTypeInput,
  authorize: "signed-in",
  run: (ctx, input) => listProfilesFor(ctx, input.subjectType),
});
