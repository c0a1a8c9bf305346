import { z } from "zod";
import { PROFILES } from "@/ca/issuance/profiles";

/**
 * Subject fields the applicant types in. Names and codes are NOT here: the person's name comes
 * from the identity record, the organisation's name and credit code from the organisation, so
 * what the RA verified is what the certificate says.
 */
export const subjectDetailsSchema = z.object({
  /** ISO 3166 two-letter country code. */
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).default("CN"),
  province: z.string().trim().min(1).max(64).optional(),
  city: z.string().trim().min(1).max(64).optional(),
  department: z.string().trim().min(1).max(64).optional(),
  /** Name of the electronic seal (电子印章), for seal certificates. */
  sealName: z.string().trim().min(1).max(64).optional(),
  /**
   * Clause 1.5: the project, system or platform (项目/系统/平台) the certificate will be used in.
   * Printed into the certificate by the engine; the profile limits which kinds are allowed. Asked
   * of organisations only: a private person cannot name one (issue 15), so a person's certificate
   * carries none unless one is given (subjectDetailProblems requires it per profile).
   */
  usageScope: z.object({ kind: z.enum(["项目", "系统", "平台"]), name: z.string().trim().min(1).max(100) }).optional(),
  /** Put the applicant's verified email address into the certificate (profiles where it is optional). */
  includeEmail: z.boolean().optional(),
});
export type SubjectDetails = z.infer<typeof subjectDetailsSchema>;

const TYPED_FIELDS = new Set(["country", "province", "city", "department", "sealName"]);

/**
 * The fields the CA engine's profile requires that the applicant must type (the seal name), and a
 * usage scope of a kind the profile allows (a seal only in a system or platform). The email in a
 * certificate is the applicant's verified account address, never a typed one. A profile unknown
 * to the engine (added by an administrator) has no such list; the engine checks again at issuance.
 */
export function subjectDetailProblems(profileCode: string, details: SubjectDetails): Record<string, string[]> {
  const profile = PROFILES[profileCode];
  if (!profile) return {};
  const problems: Record<string, string[]> = {};
  for (const f of profile.subject) {
    if (f.required && TYPED_FIELDS.has(f.from) && !details[f.from as keyof SubjectDetails]) problems[`subjectDetails.${f.from}`] = ["REQUIRED"];
  }
  if (!details.usageScope) {
    if (profileNeedsUsageScope(profileCode)) problems["subjectDetails.usageScope"] = ["REQUIRED"];
  } else if (!profile.usageScopes.includes(details.usageScope.kind)) problems["subjectDetails.usageScope"] = ["KIND_NOT_FOR_PROFILE"];
  return problems;
}

/**
 * Whether the applicant must name where the certificate is used (clause 1.5): an organisation's
 * certificates, and any profile the engine does not know (it checks again at issuance).
 */
export function profileNeedsUsageScope(profileCode: string): boolean {
  return PROFILES[profileCode]?.subjectKind !== "individual";
}

/** Whether the engine's profile needs a named natural person (CN = full name) for this subject. */
export function profileNeedsHolderName(profileCode: string): boolean {
  return PROFILES[profileCode]?.subject.some((f) => f.from === "fullName" && f.required) ?? false;
}

/** Whether the engine lets the server generate the key for this profile. */
export function profileAllowsServerKeyGeneration(profileCode: string): boolean {
  return PROFILES[profileCode]?.serverKeyGeneration ?? true;
}
