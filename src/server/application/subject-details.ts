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
  email: z.email().max(254).optional(),
});
export type SubjectDetails = z.infer<typeof subjectDetailsSchema>;

const TYPED_FIELDS = new Set(["country", "province", "city", "department", "sealName"]);

/**
 * The fields the CA engine's profile requires that the applicant must type (seal name, email
 * for encryption certificates). A profile unknown to the engine (added by an administrator) has
 * no such list; the engine checks again at issuance.
 */
export function missingSubjectFields(profileCode: string, details: SubjectDetails): string[] {
  const profile = PROFILES[profileCode];
  if (!profile) return [];
  const missing = profile.subject.filter((f) => f.required && TYPED_FIELDS.has(f.from) && !details[f.from as keyof SubjectDetails]).map((f) => f.from as string);
  if (profile.emailSan === "required" && !details.email) missing.push("email");
  return missing;
}

/** Whether the engine's profile needs a named natural person (CN = full name) for this subject. */
export function profileNeedsHolderName(profileCode: string): boolean {
  return PROFILES[profileCode]?.subject.some((f) => f.from === "fullName" && f.required) ?? false;
}

/** Whether the engine lets the server generate the key for this profile. */
export function profileAllowsServerKeyGeneration(profileCode: string): boolean {
  return PROFILES[profileCode]?.serverKeyGeneration ?? true;
}
