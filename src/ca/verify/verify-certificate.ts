// Certificate verification against this CA's own anchors: chain, validity at time T and the
// revocation status at T from the CA's records.
import { X509Certificate, type KeyObject } from "node:crypto";
import { parseCertificate, pemToDer, type CertificateParts } from "../asn1/certificate-parts";
import { CHAIN_LIMITS } from "../asn1/limits";
import { CaError } from "../errors";
import { isSm2Spki } from "../keys/sm2";
import type { CertStatus } from "../ocsp/ocsp-response";
import { keyAlgorithmName, signatureAlgorithmName, sm2AwareSignatureCheck, sm2KeyProblem, SM2_CERTIFICATE_SIGNATURE_OIDS, type SignatureFailure } from "./signature-algorithms";
import { check, overallOf, type Check, type Overall } from "./verdict";

export interface TrustedCa {
  id: string;
  certificate: Buffer;
}
export interface VerificationContext {
  /** this CA's root and intermediate certificates (roots are the self-signed ones) */
  anchors: readonly TrustedCa[];
  /** current status from the CA's records; absent means revocation cannot be told */
  status?: { statusOf(issuerId: string, serialHex: string): Promise<CertStatus> };
}

export interface ChainResult {
  path: CertificateParts[];
  /** id of the CA that issued the leaf, when trusted */
  issuerId?: string;
  trusted: boolean;
  /** When untrusted: why a certificate that names an issuer we had was not accepted by it (an SM2/RSA mix, a changed signature, a key off the curve). */
  failure?: { reason: "algorithm_mismatch" | "bad_public_key" | "certificate_signature_invalid"; detail: string };
}

/**
 * Builds the path from the leaf to one of our self-signed roots, checking each signature: our
 * anchors are tried first, and the signature checks are counted (CHAIN_LIMITS), since the extra
 * certificates and their keys are the input's choice.
 */
export function buildChain(leaf: CertificateParts, ctx: VerificationContext, extra: readonly Buffer[] = []): ChainResult {
  const candidates = [...ctx.anchors.map((a) => ({ id: a.id as string | undefined, parts: parseCertificate(a.certificate) })), ...extra.flatMap((c) => {
    try {
      return [{ id: undefined, parts: parseCertificate(c) }];
    } catch {
      return [];
    }
  })];
  const path = [leaf];
  let issuerId: string | undefined;
  let cur = leaf;
  let signatureChecks = 0;
  let failure: ChainResult["failure"];
  const signedBy = (cert: CertificateParts, issuer: CertificateParts) => {
    if (++signatureChecks > CHAIN_LIMITS.maxSignatureChecks) return false;
    const outcome = certificateSignatureCheck(cert, issuer);
    if (!outcome.ok) failure = chainFailure(outcome, cert);
    return outcome.ok;
  };
  for (let depth = 0; depth < CHAIN_LIMITS.maxDepth; depth++) {
    const issuer = candidates.find((c) => c.parts.subjectName.equals(cur.issuerName) && signedBy(cur, c.parts));
    if (!issuer) return { path, trusted: false, ...(failure ? { failure } : {}) };
    failure = undefined; // a refused candidate does not matter once another one signed this link
    if (depth === 0) issuerId = issuer.id;
    if (issuer.parts.der.equals(cur.der)) {
      // reached a self-signed certificate: trusted only if it is one of our anchors
      return { path, issuerId, trusted: issuer.id !== undefined };
    }
    path.push(issuer.parts);
    cur = issuer.parts;
  }
  return { path, trusted: false };
}

function chainFailure(outcome: SignatureFailure, cert: CertificateParts): NonNullable<ChainResult["failure"]> {
  const detail = `certificate ${cert.serialHex}: ${outcome.detail}`;
  return { reason: outcome.reason === "bad_signature" ? "certificate_signature_invalid" : outcome.reason, detail };
}

/**
 * The issuer's signature on a certificate. SM2 (GM/T 0015: SM3withSM2, OID 1.2.156.10197.1.501, over
 * the TBSCertificate with the user ID 1234567812345678) is checked by sm2Verify; an SM2 algorithm with
 * an RSA or EC issuer key, or the reverse, is a mismatch; RSA and ECDSA stay with node:crypto.
 */
export function certificateSignatureCheck(cert: CertificateParts, issuer: CertificateParts): { ok: true } | SignatureFailure {
  const sm2 = sm2AwareSignatureCheck({ spki: issuer.spki, signatureOid: cert.signatureAlgorithm, sm2Oids: SM2_CERTIFICATE_SIGNATURE_OIDS, data: cert.tbs, signature: cert.signature });
  if (sm2) return sm2;
  try {
    const key = new X509Certificate(issuer.der).publicKey;
    if (!issuerKeyAllowed(key)) return { ok: false, reason: "bad_public_key", detail: "issuer key beyond the verifier's limits" };
    return new X509Certificate(cert.der).verify(key) ? { ok: true } : { ok: false, reason: "bad_signature", detail: signatureAlgorithmName(cert.signatureAlgorithm) };
  } catch {
    return { ok: false, reason: "bad_signature", detail: `${signatureAlgorithmName(cert.signatureAlgorithm)} unreadable` };
  }
}

/**
 * Whether a candidate issuer's key is worth a signature check. RSA keys beyond CHAIN_LIMITS'
 * modulus size or public exponent are not (no CA, ours or another, uses them; OpenSSL lets a key
 * up to 3072 bits carry an exponent as long as its modulus, which makes each check a full modular
 * exponentiation of the input's choosing).
 */
export function issuerKeyAllowed(key: KeyObject): boolean {
  if (key.asymmetricKeyType !== "rsa") return true;
  const d = key.asymmetricKeyDetails ?? {};
  return (d.modulusLength ?? Infinity) <= CHAIN_LIMITS.maxRsaModulusBits && (d.publicExponent ?? 0n) <= CHAIN_LIMITS.maxRsaPublicExponent;
}

export function validityCheck(path: readonly CertificateParts[], at: Date): Check {
  for (const c of path) {
    if (at < c.notBefore) return check("validity", "fail", "not_yet_valid", `${at.toISOString()} < ${c.notBefore.toISOString()}`);
    if (at > c.notAfter) return check("validity", "fail", "expired", `${at.toISOString()} > ${c.notAfter.toISOString()}`);
  }
  return check("validity", "pass", "ok", at.toISOString(), { at: at.toISOString() });
}

export async function revocationCheck(leaf: CertificateParts, issuerId: string | undefined, at: Date, ctx: VerificationContext): Promise<Check> {
  if (!ctx.status || !issuerId) return check("revocation", "cannot_tell", "no_status_source");
  const s = await ctx.status.statusOf(issuerId, leaf.serialHex);
  if (s.status === "unknown") return check("revocation", "fail", "status_unknown");
  if (s.status === "revoked" && s.revokedAt <= at) {
    return check("revocation", "fail", s.reason === "certificateHold" ? "on_hold" : "revoked", `${s.reason ?? "unspecified"} at ${s.revokedAt.toISOString()}`, {
      revokedAt: s.revokedAt.toISOString(),
      revocationReason: s.reason ?? "unspecified",
    });
  }
  return check(
    "revocation",
    "pass",
    "ok",
    s.status === "revoked" ? `revoked later, at ${s.revokedAt.toISOString()}` : undefined,
    s.status === "revoked" ? { revokedAt: s.revokedAt.toISOString() } : undefined,
  );
}

export interface CertificateVerdict {
  overall: Overall;
  checks: Check[];
  at: Date;
  serialHex?: string;
  issuerId?: string;
}

/** The certificate's key algorithm and its issuer's signature algorithm, by the names people use ("SM2", "SM3withSM2"). */
export function algorithmFacts(cert: CertificateParts): { keyAlgorithm: string; signatureAlgorithm: string } {
  return { keyAlgorithm: keyAlgorithmName(cert.spki), signatureAlgorithm: signatureAlgorithmName(cert.signatureAlgorithm) };
}

/** The chain check: passed, or failed with why (a signature that does not verify, an algorithm mix) when we know, else untrusted. */
export function chainCheck(chain: ChainResult): Check {
  if (chain.trusted) return check("chain", "pass", "ok");
  return chain.failure ? check("chain", "fail", chain.failure.reason, chain.failure.detail) : check("chain", "fail", "untrusted");
}

export async function verifyCertificate(input: { certificate: string | Uint8Array; at: Date }, ctx: VerificationContext): Promise<CertificateVerdict> {
  let leaf: CertificateParts;
  try {
    leaf = parseCertificate(pemToDer(input.certificate));
  } catch (e) {
    if (!(e instanceof CaError)) throw e;
    const checks = [check("structure", "fail", "malformed", e.message)];
    return { overall: "invalid", checks, at: input.at };
  }
  // The leaf's own SM2 key is never used in the chain: a point off the curve is reported here.
  const keyProblem = isSm2Spki(leaf.spki) ? sm2KeyProblem(leaf.spki) : undefined;
  if (keyProblem) {
    const checks = [check("structure", "fail", "bad_public_key", keyProblem.detail)];
    return { overall: "invalid", checks, at: input.at, serialHex: leaf.serialHex };
  }
  const chain = buildChain(leaf, ctx);
  const checks: Check[] = [check("structure", "pass", "ok", undefined, algorithmFacts(leaf))];
  checks.push(chainCheck(chain));
  checks.push(validityCheck(chain.path, input.at));
  checks.push(chain.trusted ? await revocationCheck(leaf, chain.issuerId, input.at, ctx) : check("revocation", "cannot_tell", "untrusted"));
  return { overall: overallOf(checks), checks, at: input.at, serialHex: leaf.serialHex, issuerId: chain.issuerId };
}
