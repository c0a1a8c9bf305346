// What the generator and the measurements share: the CA configuration of the million-certificate
// database (its key files must outlive the generator, since regenerating a CRL signs with them),
// the counts at a given scale, and the names of the accounts the measurements act as.
import path from "node:path";
import type { CaServiceConfig } from "@/server/ca-service/ca-config";

/** Not a secret: the bench CA signs nothing anyone relies on. Set MILLION_CA_PASSPHRASE to use another. */
export const MILLION_PASSPHRASE = process.env.MILLION_CA_PASSPHRASE ?? "bench-million-passphrase-not-secret";
export const MILLION_BASE_URL = "http://pki.million.example";
/** The CRL shards per issuing CA: the engine's default (4), so 100,000 revocations put ~25,000 in each shard. */
export const MILLION_CRL_SHARDS = 4;

/** Every generated account can sign in with this password (one argon2 hash, computed once and reused). */
export const MILLION_PASSWORD = "million-bench-password";
export const OFFICER_EMAIL = "officer@million.test";
export const AGENT_EMAIL = "agent@million.test";

/**
 * The CA keys live in `<dir>/ca/keys` (MILLION_DATA_DIR, default `.data/bench-million`, git-ignored).
 * A portal started on the same database with DATA_DIR=<dir> and CA_KEY_PASSPHRASE=<passphrase>
 * uses the same CA.
 */
export function millionCaConfig(dataDir = process.env.MILLION_DATA_DIR ?? path.resolve(".data/bench-million")): CaServiceConfig {
  // One key family: key generation stays quick and every certificate, revoked or not, is the same CA's.
  return { dataDir, baseUrl: MILLION_BASE_URL, passphrase: MILLION_PASSPHRASE, embeddedDefault: false, families: ["ec"], crlShards: MILLION_CRL_SHARDS };
}

export interface MillionCounts {
  certificates: number;
  /** Every tenth certificate at most (they are chosen as i % 10 = 3). */
  revoked: number;
  /** SUBMITTED, NEEDS_INFO and APPROVED applications in the RA queue. */
  openApplications: number;
  /** Certificates of the one organisation whose agent lists them. */
  organisationCertificates: number;
  /** Natural persons holding the individual certificates. */
  subscribers: number;
  organisations: number;
  /** Newest certificates not yet received (the RA queue's deliveries). */
  awaitingReceipt: number;
}

/** Scale 1 is the database: 1,000,000 certificates, 100,000 revoked, 10,000 open applications, 5,000 in one organisation. */
export function countsForScale(scale: number): MillionCounts {
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new RangeError(`--scale must be a number above 0 and at most 10 (got ${scale})`);
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  const certificates = n(1_000_000, 100);
  return {
    certificates,
    revoked: Math.min(Math.floor(certificates / 10), n(100_000, 1)),
    openApplications: n(10_000, 3),
    organisationCertificates: Math.min(Math.floor(certificates / 2), n(5_000, 3)),
    subscribers: n(100_000, 10),
    organisations: n(1_000, 2),
    awaitingReceipt: Math.min(50, Math.floor(certificates / 20)),
  };
}
