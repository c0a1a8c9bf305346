import { PROFILES, type UsageScope, type VerifiedSubject } from "@/ca/issuance/profiles";
import { profileNeedsUsageScope, subjectDetailsSchema } from "@/server/application";
import { domainError } from "@/server/core";
import type { ApplicationForIssuance } from "./ready-for-issuance";

export interface SubjectForIssuance {
  subject: VerifiedSubject;
  usageScope: UsageScope | undefined;
  /** Whose key it is, for the duplicate-key rule: the organisation, or the person. */
  subscriberId: string;
  subscriberUserId: string | null;
  subscriberOrganisationId: string | null;
}

export function subjectForIssuance(app: ApplicationForIssuance): SubjectForIssuance {
  // Parsed again at issuance: the stored JSON is the application area's, the subject is ours.
  const parsed = subjectDetailsSchema.safeParse(app.subjectDetails ?? {});
  if (!parsed.success) {
    throw domainError("SUBJECT_DATA_INCOMPLETE", { field: String(parsed.error.issues[0]?.path[0] ?? "subjectDetails") });
  }
  const d = parsed.data;
  const identity = app.subscriberIdentity;
  const verifiedIdentity = identity && identity.verifiedAt ? identity : null;
  const profile = PROFILES[app.profile.code];
  const wantsEmail = profile?.emailSan === "required" || (profile?.emailSan === "optional" && d.includeEmail === true);
  const email = wantsEmail && app.applicant.emailVerifiedAt ? app.applicant.email : undefined;
  const base: VerifiedSubject = { country: d.country, province: d.province, city: d.city, email };

  if (app.subjectType === "INDIVIDUAL") {
    if (!verifiedIdentity) throw domainError("SUBJECT_DATA_INCOMPLETE", { field: "subscriberIdentity" });
    const userId = verifiedIdentity.userId ?? app.applicantId;
    return { subject: { ...base, fullName: verifiedIdentity.legalName }, usageScope: d.usageScope, subscriberId: userId, subscriberUserId: userId, subscriberOrganisationId: null };
  }
  const org = app.organisation;
  if (!org) throw domainError("SUBJECT_DATA_INCOMPLETE", { field: "organisation" });
  // Clause 1.5: an organisation's certificate names where it is used (a private person's need not); the same rule the application's schema and pages use.
  if (!d.usageScope && profileNeedsUsageScope(app.profile.code)) throw domainError("SUBJECT_DATA_INCOMPLETE", { field: "usageScope" });
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
