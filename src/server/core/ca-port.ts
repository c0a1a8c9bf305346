import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import type { IssuedCertificate } from "@/ca/issuance/issue-certificate";
import type { UsageScope, VerifiedSubject } from "@/ca/issuance/profiles";
import type { OcspResponder } from "@/ca/ocsp/ocsp-responder";
import type { TimestampAuthority } from "@/ca/tsa/timestamp-authority";
import type { Clock, Tx } from "./context";

// The CA as use cases reach it through the service context (ctx.ca()). Declared here, on the floor
// every area stands on; implemented and wired by src/server/ca-service (ca-service.ts, wire-context.ts).

export type ServerKeySpec = { type: "rsa"; bits: 2048 | 3072 } | { type: "ec"; curve: "P-256" };

export interface IssueRequest {
  /** Engine profile id = CertificateProfile.code. */
  profileCode: string;
  /** From the verified application, never from the CSR. */
  subject: VerifiedSubject;
  /** The user or organisation the key belongs to (duplicate-key check). */
  subscriberId: string;
  /** Clause 1.5; absent for a private person's certificate. */
  usageScope?: UsageScope;
  now: Date;
  /** A renewal continuing the old certificate's validity (src/domain/certificate/renewal-window.ts carriedOverMs). */
  carryOverMs?: number;
}

export interface IssueOutcome extends IssuedCertificate {
  /** IssuingCa row id of the issuer (the engine's issuerId is the entity name). */
  issuerRowId: string;
  pkcs12?: Buffer;
}

export interface EvidenceSignature {
  /** CMS SignedData, content attached, with the TSA token over the signature as unsigned attribute. */
  cms: Buffer;
  /** RFC 3161 TimeStampToken over SHA-256 of the content, for `openssl ts -verify -data`. */
  timestampToken: Buffer;
  signerCertificate: Buffer;
  /** Signer's chain up to the root, signer first. */
  chain: Buffer[];
}

export interface CaService {
  hierarchy: Hierarchy;
  baseUrl: string;
  rowIdOf(entityId: string): string;
  entityIdOf(rowId: string): string;
  /** Issues from a PKCS#10 CSR inside the caller's transaction (serials checked against Certificate rows). */
  issueFromCsr(tx: Tx, req: IssueRequest & { csr: string | Uint8Array }): Promise<IssueOutcome>;
  /** Generates the key here and returns it only inside a PKCS#12 under the subscriber's password. */
  issueWithServerKey(tx: Tx, req: IssueRequest & { key: ServerKeySpec; pkcs12Password: string }): Promise<IssueOutcome & { pkcs12: Buffer }>;
  /** Issuer chain of a certificate issued by this CA (issuing CA first, root last). */
  chainFor(issuerRowId: string): Buffer[];
  /**
   * The public TSA (/pki/tsa): every token it issues is recorded in TimestampToken first, except
   * when asked not to (the administrators' self-test, a read that must not write).
   */
  timestampAuthority(clock: Clock, opts?: { record?: boolean }): TimestampAuthority;
  /** The CA signs a document (receipts, evidence) and the TSA timestamps it. */
  signEvidence(content: Buffer, now: Date): Promise<EvidenceSignature>;
  /** A short detached signature by the CA (challenges); verifyByCa checks one. */
  signByCa(data: Buffer): Promise<Buffer>;
  verifyByCa(data: Buffer, signature: Buffer): boolean;
  ocsp: OcspResponder;
  /** Re-signs the OCSP responses of a certificate after its status changed (revocation, hold). */
  onCertificateStatusChanged(certificateId: string): Promise<void>;
  /**
   * This process's pre-signed OCSP responses: re-signs those near expiry, and those whose
   * certificate changed status in the database since they were signed (a revocation carried out
   * by another instance). Returns how many were re-signed.
   */
  refreshOcspCache(): Promise<number>;
  /**
   * Another process announced a status change of this certificate (listenForStatusChanges):
   * re-signs its OCSP responses if this process holds any. True when it did.
   */
  onStatusAnnounced(issuerRowId: string, serialHex: string): Promise<boolean>;
  /** Waits until the pre-signed responses signed so far are recorded in OcspResponse. */
  flushOcspRecords(): Promise<void>;
}
