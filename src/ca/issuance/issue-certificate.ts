// Issuance: prepare the template, check it against the profile and the issuer, reserve a
// unique serial (the recorded intent), then sign exactly once.
import { createHash } from "node:crypto";
import * as X from "../asn1/extensions";
import { encodeName } from "../asn1/names";
import { parseCertificate } from "../asn1/certificate-parts";
import { wholeSeconds, DAY_MS, type Clock } from "../clock";
import { CaError } from "../errors";
import { chainOf, type Hierarchy, type LoadedEntity } from "../hierarchy/hierarchy";
import { randomSerial, signCertificate, type CertificateTemplate } from "./certificate-builder";
import { parseCsr, describePublicKey, type PublicKeyDescription } from "./parse-csr";
import { buildSubject, checkEmail, checkKey, checkScope } from "./profile-checks";
import { PROFILES, type CertificateProfile, type UsageScope, type VerifiedSubject } from "./profiles";

/** Records the serial as taken for this issuer; false if it already exists. */
export interface SerialUniqueness {
  reserve(issuerId: string, serialHex: string): Promise<boolean>;
}
/** Which subscriber already holds a certificate for this key (hex SHA-256 of the SPKI), if any. */
export interface KeyOwnership {
  ownerOf(spkiSha256: string): Promise<string | null>;
}

export interface IssuanceDeps {
  hierarchy: Hierarchy;
  clock: Clock;
  serials: SerialUniqueness;
  keyOwnership: KeyOwnership;
  profiles?: Readonly<Record<string, CertificateProfile>>;
}

export interface IssueInput {
  profileId: string;
  subject: VerifiedSubject;
  subscriberId: string;
  /** Clause 1.5; absent for a private person's certificate (checkScope). */
  usageScope?: UsageScope;
  /**
   * A renewal that continues the old certificate's validity: milliseconds of the old
   * certificate's remaining time added after the profile's validity (the caller's policy decides
   * how much; the engine refuses a negative one or more than MAX_CARRY_OVER_DAYS).
   */
  carryOverMs?: number;
}

/**
 * The engine's ceiling on a carried-over validity: a renewal window opens at most a year before
 * expiry, so no honest carry-over is longer, and no input can stretch a certificate beyond its
 * profile's validity plus one year.
 */
export const MAX_CARRY_OVER_DAYS = 365;

export interface IssuedCertificate {
  certificate: Buffer;
  serialHex: string;
  issuerId: string;
  profileId: string;
  notBefore: Date;
  notAfter: Date;
  crlShard: number;
  spkiSha256: string;
  /** issuing CA first, root last */
  chain: Buffer[];
}

const SERIAL_ATTEMPTS = 5;

export async function issueFromCsr(deps: IssuanceDeps, input: IssueInput & { csr: string | Uint8Array }): Promise<IssuedCertificate> {
  const profile = profileOf(deps, input.profileId);
  const csr = parseCsr(input.csr);
  return issueForKey(deps, profile, csr, input);
}

export async function issueForPublicKey(deps: IssuanceDeps, input: IssueInput & { spki: Buffer }): Promise<IssuedCertificate> {
  return issueForKey(deps, profileOf(deps, input.profileId), describePublicKey(input.spki), input);
}

export function profileOf(deps: Pick<IssuanceDeps, "profiles">, id: string): CertificateProfile {
  const profile = (deps.profiles ?? PROFILES)[id];
  if (!profile) throw new CaError("PROFILE_UNKNOWN", `no profile ${JSON.stringify(id)}`);
  return profile;
}

async function issueForKey(deps: IssuanceDeps, profile: CertificateProfile, key: PublicKeyDescription, input: IssueInput): Promise<IssuedCertificate> {
  // 1. validators, in order
  checkKey(profile, key);
  const subjectAttrs = buildSubject(profile, input.subject);
  const emails = checkEmail(profile, input.subject);
  const scopeText = checkScope(profile, input.usageScope);
  const owner = await deps.keyOwnership.ownerOf(key.spkiSha256);
  if (owner !== null && owner !== input.subscriberId) throw new CaError("KEY_ALREADY_CERTIFIED");
  // checkKey has matched the key to the profile's family, so the key type names the issuing CA:
  // an SM2 profile's certificate is signed by issuing-sm2 (SM3withSM2), under root-sm2.
  const issuer = deps.hierarchy.issuing[key.keyType];
  if (!issuer) throw new CaError("ISSUER_UNAVAILABLE", `no issuing CA for ${key.keyType} keys`);

  // 2. prepare
  const urls = deps.hierarchy.urls;
  const notBefore = wholeSeconds(deps.clock.now());
  const carry = input.carryOverMs ?? 0;
  if (!Number.isFinite(carry) || carry < 0 || carry > MAX_CARRY_OVER_DAYS * DAY_MS) throw new CaError("ISSUANCE_CHECK_FAILED", "carried-over validity out of bounds");
  // Whole seconds, as every certificate time; the carry only ever lengthens the profile's validity.
  const notAfter = new Date(notBefore.getTime() + profile.validityDays * DAY_MS + Math.floor(carry / 1000) * 1000 - 1000);
  const serial = randomSerial();
  const crlShard = shardOf(serial, issuer);
  const ext = [
    X.basicConstraints(false),
    X.keyUsage(profile.keyUsage[key.keyType]),
    X.extKeyUsage(profile.extKeyUsage, false),
    X.subjectKeyIdentifier(X.keyIdentifier(key.spki)),
    X.authorityKeyIdentifier(issuer.keyId),
    X.crlDistributionPoints(urls.crl(issuer.entity.id, crlShard)),
    X.authorityInfoAccess(urls.ocsp, urls.caCertificate(issuer.entity.id)),
    X.certificatePolicies(profile.policyOid, urls.cps, scopeText),
  ];
  if (emails.length) ext.push(X.subjectAltNameEmails(emails));
  const template: CertificateTemplate = {
    serial,
    issuerName: issuer.parts.subjectName,
    subjectName: encodeName(subjectAttrs),
    notBefore,
    notAfter,
    spki: key.spki,
    extensions: ext,
  };

  // 3. check the template against the issuer
  if (template.notAfter > issuer.parts.notAfter) throw new CaError("ISSUANCE_CHECK_FAILED", "certificate would outlive its issuing CA");
  if (template.notBefore < issuer.parts.notBefore) throw new CaError("ISSUANCE_CHECK_FAILED", "issuing CA is not yet valid");

  // 4. reserve a unique serial (the intent record), retrying on collision
  let reserved = false;
  for (let attempt = 0; attempt < SERIAL_ATTEMPTS && !reserved; attempt++) {
    if (attempt > 0) {
      template.serial = randomSerial();
      const shard = shardOf(template.serial, issuer);
      template.extensions[5] = X.crlDistributionPoints(urls.crl(issuer.entity.id, shard));
    }
    reserved = await deps.serials.reserve(issuer.entity.id, template.serial.toString("hex"));
  }
  if (!reserved) throw new CaError("SERIAL_COLLISION");

  // 5. sign once
  const certificate = await signCertificate(template, issuer.signer);
  return {
    certificate,
    serialHex: template.serial.toString("hex"),
    issuerId: issuer.entity.id,
    profileId: profile.id,
    notBefore,
    notAfter,
    crlShard: shardOf(template.serial, issuer),
    spkiSha256: key.spkiSha256,
    chain: chainOf(deps.hierarchy, issuer.entity.id),
  };
}

/** The CRL shard is fixed at issuance from the serial's last byte. */
export function shardOf(serial: Buffer, issuer: LoadedEntity): number {
  return serial[serial.length - 1]! % Math.max(1, issuer.entity.crlShards);
}

/** Shard of an already issued certificate, for CRL builders. */
export function shardOfSerialHex(serialHex: string, shards: number): number {
  return parseInt(serialHex.slice(-2), 16) % Math.max(1, shards);
}

export const spkiSha256Of = (certificate: Uint8Array) => createHash("sha256").update(parseCertificate(certificate).spki).digest("hex");
