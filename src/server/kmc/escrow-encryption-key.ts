import { randomUUID } from "node:crypto";
import { domainError, type Tx } from "@/server/core";
import { documentKeyRing, openDocument, sealDocument } from "@/server/document";

// Why the document key ring and not an SM2 envelope to a KMC escrow key in key custody: custody
// only signs (KeySigner has no decrypt, and PKCS#11 has no SM2), while the ring is already the
// portal's configured, rotatable secret for data at rest (DOCUMENT_ENCRYPTION_KEY, with the
// previous keys kept readable). The row id is the associated data: a sealed key copied onto
// another row does not open there.
const associatedData = (escrowedKeyId: string) => `escrowed-key:${escrowedKeyId}`;

export interface EscrowInput {
  /** The ENCRYPTION certificate's id. */
  certificateId: string;
  publicKeySha256: string;
  /** The 32-byte SM2 private scalar; wiped here once sealed. */
  privateKey: Buffer;
  /** The subscriber's SM2EnvelopedKey. */
  envelope: Buffer;
  now: Date;
}

/** Escrows the encryption private key in the caller's transaction; never writes it in clear. */
export async function escrowEncryptionKey(tx: Tx, input: EscrowInput): Promise<{ escrowedKeyId: string; sealKeyId: string }> {
  const id = randomUUID();
  const sealed = sealDocument(await documentKeyRing(), associatedData(id), input.privateKey);
  input.privateKey.fill(0);
  await tx.escrowedKey.create({
    data: {
      id,
      certificateId: input.certificateId,
      algorithm: "SM2",
      publicKeySha256: input.publicKeySha256,
      sealedPrivateKey: Uint8Array.from(sealed.encrypted),
      sealIv: Uint8Array.from(sealed.iv),
      sealTag: Uint8Array.from(sealed.tag),
      sealKeyId: sealed.keyId,
      envelope: Uint8Array.from(input.envelope),
      createdAt: input.now,
    },
  });
  return { escrowedKeyId: id, sealKeyId: sealed.keyId };
}

/**
 * The escrowed private scalar, for judicial recovery only (the caller carries the dual control):
 * DOCUMENT_INTEGRITY when the row was altered or moved.
 */
export async function unsealEscrowedKey(tx: Tx, escrowedKeyId: string): Promise<Buffer> {
  const row = await tx.escrowedKey.findUnique({ where: { id: escrowedKeyId } });
  if (!row) throw domainError("NOT_FOUND");
  return openDocument(await documentKeyRing(), associatedData(row.id), { encrypted: row.sealedPrivateKey, iv: row.sealIv, tag: row.sealTag, keyId: row.sealKeyId });
}
