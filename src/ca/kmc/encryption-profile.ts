// The encryption half of a dual-certificate profile (GM/T 0034): the same subject, family,
// validity and policy as the signing certificate, but the key is the KMC's and its usage is
// encipherment only (GM/T 0015: an encryption certificate carries no digitalSignature or
// nonRepudiation, so a signature made with an escrowed key never counts as the subscriber's).
import { OID } from "../asn1/oids";
import { CaError } from "../errors";
import type { CertificateProfile } from "../issuance/profiles";

const ENCRYPTION_USAGE = ["keyEncipherment", "dataEncipherment", "keyAgreement"] as const;

export const isDualProfile = (profile: CertificateProfile): boolean => profile.dualCertificate === true;

/** The engine profile for the KMC's encryption certificate of a dual profile; its id is the signing profile's plus ".encryption". */
export function encryptionHalfOf(profile: CertificateProfile): CertificateProfile {
  if (!isDualProfile(profile) || profile.family !== "sm2") throw new CaError("PROFILE_UNKNOWN", `${profile.id} is not a dual SM2 profile`);
  return {
    ...profile,
    id: `${profile.id}.encryption`,
    keyUsage: { rsa: [], ec: [], sm2: ENCRYPTION_USAGE },
    extKeyUsage: [OID.ekuEmailProtection],
    dualCertificate: false,
    serverKeyGeneration: false,
  };
}
