import type { Tx } from "@/server/core";

/** Issuer certificates of a certificate from the IssuingCa rows, issuing CA first, root last. */
export async function issuerChain(tx: Tx, issuerId: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  let id: string | null = issuerId;
  for (let depth = 0; id && depth < 8; depth++) {
    const row: { certificateDer: Uint8Array; parentId: string | null } | null = await tx.issuingCa.findUnique({ where: { id }, select: { certificateDer: true, parentId: true } });
    if (!row) break;
    out.push(Buffer.from(row.certificateDer));
    id = row.parentId;
  }
  return out;
}
