import { z } from "zod";
import { PROFILES, type UsageScope, type VerifiedSubject } from "@/ca/issuance/profiles";
import { domainError } from "@/server/core/errors";
import type { ApplicationForIssuance } from "./ready-for-issuance";

/**
 * The parts of Application.subjectDetails issuance reads. Everything else in the subject comes
 * from records an officer verified (SubscriberIdentity, Organisation), never from the CSR.
 */
export const subjectDetailsForIssuance = z.object({
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  province: z.string().min(1).max(128).optional(),
  city: z.string().min(1).max(128).optional(),
  department: z.string().min(1).max(64).optional(),
  sealName: z.string().min(1).max(64).optional(),
  /** Clause 1.5: the project / system / platform the certificate may be used in. */
  usageScope: z.object({ kind: z.enum(["项目", "系统", "平台"]), name: z.string().min(1).max(100) }),
  /** Put the applicant's verified email address into the certificate (optional profiles). */
  includeEmail: z.boolean().optional(),
});

export interface SubjectForIssuance {
  subject: VerifiedSubject;
  usageScope: UsageScope;
  /** Whose key it is, for the duplicate-key rule: the organisation, or the person. */
  subscriberId: string;
  subscriberUserId: string | null;
  subscriberOrganisationId: string | null;
}

export function subjectForIssuance(app: ApplicationForIssuance): SubjectForIssuance {
  const parsed = subjectDetailsForIssuance.safeParse(app.subjectDetails ?? {});
  if (!parsed.success) {
    throw domainError("SUBJECT_DATA_INCOMPLETE", { field: String(parsed.error.issues[0]?.path[0] ?? "subjectDetails") });
  }
  const d = parsed.data;
  const identity = app.subscriberIdentity;
  const verifiedIdentity = identity && identity.verifiedAt ? identity : null;
  const profile = PROFILES[app.profile.code];
  const wantsEmail = profile?.emailSan === "required" || (profile?.emailSan === "optional" && d.includeEmail === true);
  const email = wantsEmail && app.applicant.emailVerifiedAt ? app.applicant.email : undefined;
  const base: VerifiedSubject = { country: d.country ?? "CN", province: d.province, city: d.city, email };

  if (app.subjectType === "INDIVIDUAL") {
    if (!verifiedIdentity) throw domainError("SUBJECT_DATA_INCOMPLETE", { field: "subscriberIdentity" });
    const userId = verifiedIdentity.userId ?? app.applicantId;
    return { subject: { ...base, fullName: verifiedIdentity.legalName }, usageScope: d.usageScope, subscriberId: userId, subscriberUserId: userId, subscriberOrganisationId: null };
  }
  const org = app.organisation;
  if (!org) throw domainError("SUBJECT_DATA_INCOMPLETE", { field: "organisation" });
  return {
    subject: {
      ...base,
      organizationName: org.name,
      organizationId: org.unifiedSocialCreditCode,
      department: d.department,
      sealName: d.sealName,
      fullName: verifiedIdentity?.legalName,
    },
    usageScope: d.usageScope,
    subscriberId: org.id,
    subscriberUserId: verifiedIdentity?.userId ?? null,
    subscriberOrganisationId: org.id,
  };
}
