import { crlHttpHeaders, crlToBuffer, encodeCrl, type RevokedEntry } from "@/ca/crl/encode-crl";
import type { PrismaClient, RevocationReason } from "@/generated/prisma/client";
import type { CaService } from "./ca-service";
import { ENGINE_REASON } from "./certificate-status-lookup";
import { bytes } from "./ca-records";

/** A CRL is valid for a day and re-issued after an hour at the latest (and at once on a revocation). */
export const CRL_VALIDITY_MS = 24 * 3_600_000;
export const CRL_REFRESH_MS = 3_600_000;

export interface PublishedCrl {
  der: Buffer;
  crlNumber: number;
  thisUpdate: Date;
  nextUpdate: Date;
  headers: Record<string, string>;
}

/**
 * Signs a new CRL for one shard of one CA and stores it. The CRL number is taken under the
 * shard row's lock, so two instances never publish the same number with different contents.
 */
export async function publishCrlShard(db: PrismaClient, ca: CaService, entityId: string, shard: number, now: Date): Promise<PublishedCrl> {
  const issuer = ca.hierarchy.byId.get(entityId);
  if (!issuer || (issuer.entity.role !== "issuing" && issuer.entity.role !== "root")) throw new RangeError(`no CRL issuer ${entityId}`);
  if (!Number.isInteger(shard) || shard < 0 || shard >= Math.max(1, issuer.entity.crlShards)) throw new RangeError(`no shard ${shard}`);
  const issuingCaId = ca.rowIdOf(entityId);
  return db.$transaction(async (tx) => {
    await tx.crlShard.upsert({ where: { issuingCaId_shard: { issuingCaId, shard } }, create: { issuingCaId, shard }, update: {} });
    const [locked] = await tx.$queryRaw<{ crlNumber: number }[]>`
      SELECT "crlNumber" FROM "CrlShard" WHERE "issuingCaId" = ${issuingCaId} AND "shard" = ${shard} FOR UPDATE`;
    const crlNumber = (locked?.crlNumber ?? 0) + 1;
    // One statement, read from the partial covering index Certificate_crl_entries_idx (no heap
    // pages: a shard's rows are spread over the whole table) and joined to the invalidity dates;
    // the relation include it replaces sent every certificate id back as a second query.
    const revoked = await tx.$queryRaw<{ serialHex: string; revokedAt: Date | null; revocationReason: RevocationReason | null; holdAt: Date | null; invalidityDate: Date | null }[]>`
      SELECT c."serialHex", c."revokedAt", c."revocationReason"::text AS "revocationReason", c."holdAt", r."invalidityDate"
      FROM "Certificate" c LEFT JOIN "Revocation" r ON r."certificateId" = c."id"
      WHERE c."issuerId" = ${issuingCaId} AND c."crlShard" = ${shard} AND (c."revokedAt" IS NOT NULL OR c."holdAt" IS NOT NULL)`;
    const entries: RevokedEntry[] = revoked.map((c) =>
      c.revokedAt
        ? {
            serialHex: c.serialHex,
            revokedAt: c.revokedAt,
            reason: ENGINE_REASON[c.revocationReason ?? "UNSPECIFIED"],
            invalidityDate: c.invalidityDate ?? undefined,
          }
        : { serialHex: c.serialHex, revokedAt: c.holdAt!, reason: "certificateHold" },
    );
    const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const nextUpdate = new Date(thisUpdate.getTime() + CRL_VALIDITY_MS);
    const crl = await encodeCrl({
      issuer,
      crlNumber: BigInt(crlNumber),
      thisUpdate,
      nextUpdate,
      entries,
      // The root's CRL is unsharded and must also cover the root itself: no IDP there.
      distributionPointUrl: issuer.entity.role === "issuing" ? ca.hierarchy.urls.crl(entityId, shard) : undefined,
    });
    const der = crlToBuffer(crl);
    await tx.crlShard.update({
      where: { issuingCaId_shard: { issuingCaId, shard } },
      data: { crlNumber, thisUpdate, nextUpdate, der: bytes(der) },
    });
    return { der, crlNumber, thisUpdate, nextUpdate, headers: crlHttpHeaders({ nextUpdate, now }) };
  }, CRL_TRANSACTION);
}

/**
 * A shard of a large CA holds tens of thousands of entries (25,000 in bench:million): reading and
 * signing them can outlast Prisma's default 5 s on a loaded machine, and a CRL that is never
 * stored would be served stale. The shard row stays locked meanwhile, which only delays another
 * publication of the same shard.
 */
const CRL_TRANSACTION = { timeout: 60_000 } as const;

/**
 * Whether a certificate of the shard changed after its stored CRL was signed. A status change is
 * committed first and published after (publishStatusChange): a process killed in between, or a
 * failed publication, leaves a stored CRL that misses a committed revocation or hold. The rows are
 * the truth, so such a CRL is stale however young it is. Both times are the database writer's
 * (Prisma's @updatedAt), never a test clock.
 */
async function changedSinceSigned(db: PrismaClient, issuingCaId: string, shard: number, signedAt: Date): Promise<boolean> {
  const changed = await db.certificate.findFirst({ where: { issuerId: issuingCaId, crlShard: shard, updatedAt: { gt: signedAt } }, select: { id: true } });
  return changed !== null;
}

/** The CRL to serve: the stored one while fresh and still matching the rows, otherwise a newly signed one. */
export async function currentCrl(db: PrismaClient, ca: CaService, entityId: string, shard: number, now: Date): Promise<PublishedCrl> {
  const issuingCaId = ca.rowIdOf(entityId);
  const row = await db.crlShard.findUnique({ where: { issuingCaId_shard: { issuingCaId, shard } } });
  if (
    row?.der &&
    row.thisUpdate &&
    row.nextUpdate &&
    now.getTime() - row.thisUpdate.getTime() < CRL_REFRESH_MS &&
    now < row.nextUpdate &&
    !(await changedSinceSigned(db, issuingCaId, shard, row.updatedAt))
  ) {
    return { der: Buffer.from(row.der), crlNumber: row.crlNumber, thisUpdate: row.thisUpdate, nextUpdate: row.nextUpdate, headers: crlHttpHeaders({ nextUpdate: row.nextUpdate, now }) };
  }
  return publishCrlShard(db, ca, entityId, shard, now);
}

/**
 * After a revocation or hold: re-sign the certificate's OCSP responses and publish its CRL shard
 * at once, so relying parties see the change without waiting for the next refresh.
 */
export async function publishStatusChange(db: PrismaClient, ca: CaService, certificateId: string, now: Date): Promise<void> {
  const c = await db.certificate.findUnique({ where: { id: certificateId }, select: { issuerId: true, crlShard: true } });
  if (!c) return;
  await ca.onCertificateStatusChanged(certificateId);
  await publishCrlShard(db, ca, ca.entityIdOf(c.issuerId), c.crlShard, now);
}

/**
 * Re-signs every CRL shard (root and issuing CAs) that is missing, older than the refresh
 * interval, or behind its certificates' rows (a status change whose publication never happened),
 * so published CRLs never run past nextUpdate even when nobody fetches them.
 */
export async function refreshStaleCrls(db: PrismaClient, ca: CaService, now: Date): Promise<number> {
  let refreshed = 0;
  for (const [id, e] of ca.hierarchy.byId) {
    if (e.entity.role !== "issuing" && e.entity.role !== "root") continue;
    for (let shard = 0; shard < Math.max(1, e.entity.crlShards); shard++) {
      const issuingCaId = ca.rowIdOf(id);
      const row = await db.crlShard.findUnique({ where: { issuingCaId_shard: { issuingCaId, shard } }, select: { thisUpdate: true, updatedAt: true } });
      if (row?.thisUpdate && now.getTime() - row.thisUpdate.getTime() < CRL_REFRESH_MS && !(await changedSinceSigned(db, issuingCaId, shard, row.updatedAt))) continue;
      await publishCrlShard(db, ca, id, shard, now);
      refreshed++;
    }
  }
  return refreshed;
}
