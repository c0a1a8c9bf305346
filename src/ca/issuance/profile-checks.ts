// The checks a profile applies to a request, in a fixed order: key, subject, email, scope.
// Each either returns what the certificate will carry or throws a CaError.
import type { NameAttribute } from "../asn1/names";
import { CaError } from "../errors";
import type { PublicKeyDescription } from "./parse-csr";
import type { CertificateProfile, UsageScope, VerifiedSubject } from "./profiles";

const keyName = (key: PublicKeyDescription) => (key.keyType === "rsa" ? `RSA-${key.bits}` : key.keyType === "sm2" ? "SM2" : `EC ${key.curve ?? "unknown curve"}`);
const allowedNames = (profile: CertificateProfile) =>
  profile.allowedKeys.flatMap((a) => (a.type === "rsa" ? a.bits.map((b) => `RSA-${b}`) : a.type === "sm2" ? ["SM2"] : ["ECDSA P-256"])).join(", ");

export function checkKey(profile: CertificateProfile, key: PublicKeyDescription): void {
  // The family first: "an RSA key in an SM2 profile" (and an SM2 key in an international one)
  // gets its own message, not a list of sizes.
  const keyFamily = key.keyType === "sm2" ? "sm2" : "international";
  if (keyFamily !== profile.family) {
    throw new CaError(
      "KEY_ALGORITHM_NOT_ALLOWED",
      profile.family === "sm2"
        ? `an ${keyName(key)} key in the SM2 profile ${profile.id}: it accepts SM2 keys only`
        : `an SM2 key in the profile ${profile.id}: it accepts ${allowedNames(profile)}; use its SM2 counterpart`,
    );
  }
  if (key.keyType === "rsa" && (key.bits ?? 0) < 2048) throw new CaError("KEY_TOO_WEAK", `RSA-${key.bits} is below the 2048-bit minimum`);
  const allowed = profile.allowedKeys.some((a) =>
    a.type === "rsa" ? key.keyType === "rsa" && a.bits.includes(key.bits ?? 0) : a.type === "sm2" ? key.keyType === "sm2" : key.keyType === "ec" && key.curve === a.curve,
  );
  if (!allowed) throw new CaError("KEY_ALGORITHM_NOT_ALLOWED", `${keyName(key)} is not allowed by profile ${profile.id} (${allowedNames(profile)})`);
}

export function buildSubject(profile: CertificateProfile, subject: VerifiedSubject): NameAttribute[] {
  if (!/^[A-Z]{2}$/.test(subject.country)) throw new CaError("SUBJECT_INVALID", "country must be a two-letter ISO code");
  if (subject.organizationId !== undefined && !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(subject.organizationId)) {
    throw new CaError("SUBJECT_INVALID", "organisation id must be an 18-character unified social credit code");
  }
  const out: NameAttribute[] = [];
  for (const field of profile.subject) {
    const value = subject[field.from]?.trim();
    if (!value) {
      if (field.required) throw new CaError("SUBJECT_INVALID", `profile ${profile.id} needs ${field.from}`);
      continue;
    }
    out.push({ type: field.attr, value: (field.prefix ?? "") + value });
  }
  return out;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function checkEmail(profile: CertificateProfile, subject: VerifiedSubject): string[] {
  if (profile.emailSan === "none") return [];
  if (!subject.email) {
    if (profile.emailSan === "required") throw new CaError("SUBJECT_INVALID", `profile ${profile.id} needs a verified email address`);
    return [];
  }
  if (!EMAIL.test(subject.email) || subject.email.length > 254) throw new CaError("SUBJECT_INVALID", "email address is not a valid ASCII mailbox");
  return [subject.email];
}

/** The usage scope notice (clause 1.5); a person's certificate may have none (a private person names no project). */
export function checkScope(profile: CertificateProfile, scope: UsageScope | undefined): string | undefined {
  if (!scope) {
    if (profile.subjectKind === "individual") return undefined;
    throw new CaError("USAGE_SCOPE_NOT_ALLOWED", `profile ${profile.id} needs a usage scope`);
  }
  if (!profile.usageScopes.includes(scope.kind)) {
    throw new CaError("USAGE_SCOPE_NOT_ALLOWED", `profile ${profile.id} may be used in: ${profile.usageScopes.join(", ")}`);
  }
  const name = scope.name.trim();
  if (!name || [...name].length > 100 || /[\u0000-\u001f]/.test(name)) throw new CaError("USAGE_SCOPE_NOT_ALLOWED", "usage scope name must have 1 to 100 characters");
  return `用途范围 Usage scope: ${scope.kind} ${name}`;
}
