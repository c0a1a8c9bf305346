import type { Tx } from "./context";

/**
 * Serialises, per public key, the transactions that certify a key and those that block it: held
 * until the transaction ends. Without it, under READ COMMITTED, an issuance that checked the
 * blocked list before a key-compromise cascade committed would commit a live certificate on a key
 * the cascade had just blocked (the cascade lists the key's certificates before that one exists).
 * With it, whichever comes second sees the other's commit: the issuance sees the block, or the
 * cascade sees (and revokes) the new certificate.
 */
export async function lockPublicKey(tx: Tx, spkiSha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`public-key:${spkiSha256}`}, 0))`;
}
