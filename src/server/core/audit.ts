import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { canonicalJson } from "./canonical-json";
import type { AuditInput } from "./audit-events";
import type { Tx } from "./context";

/** The typed events (one per action) live in audit-events.ts; re-exported for the writers. */
export type { AuditInput } from "./audit-events";

export interface AuditRecordFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorRoles: readonly string[];
  onBehalfOfId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: unknown;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** Advisory lock id reserved for appends to the audit chain (any constant no other code uses). */
const AUDIT_LOCK_KEY = 0x3a7d_51c2;

/**
 * The hash covers every recorded field and the previous hash, so editing, deleting or
 * reordering any event breaks the chain from that event on.
 */
export function auditEventHash(e: AuditRecordFields): string {
  const payload = canonicalJson({
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorRoles: [...e.actorRoles],
    onBehalfOfId: e.onBehalfOfId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    summary: e.summary ?? null,
    ip: e.ip,
    userAgent: e.userAgent,
    prevHash: e.prevHash,
  });
  return createHash("sha256").update(payload, "utf8").digest("hex");
}

/**
 * Appends one event inside the caller's transaction. The advisory lock is held until that
 * transaction ends, so two transactions can never take the same sequence number; call this as
 * the last statement of a transaction so the lock is held only for the commit.
 */
export async function appendAuditEvent(
  tx: Tx,
  input: AuditInput & { at: Date; actorId: string | null; actorRoles: readonly string[]; ip?: string | null; userAgent?: string | null },
): Promise<{ seq: number; hash: string }> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const at = new Date(Math.floor(input.at.getTime()));
  const fields: AuditRecordFields = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actorId: input.actorId,
    actorRoles: [...input.actorRoles],
    onBehalfOfId: input.onBehalfOfId ?? null,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    // Round-trip through JSON so what we hash is exactly what jsonb will give back.
    summary: JSON.parse(canonicalJson(input.summary ?? {})),
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditEventHash(fields);
  await tx.auditEvent.create({
    data: {
      ...fields,
      actorRoles: [...fields.actorRoles],
      summary: fields.summary as Prisma.InputJsonValue,
      hash,
    },
  });
  return { seq: fields.seq, hash };
}

export type ChainCheck =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; seq: number; problem: "SEQUENCE_GAP" | "PREV_HASH_MISMATCH" | "HASH_MISMATCH" };

/**
 * Walks the whole chain in sequence order and names the first broken link. A deleted event
 * shows as a gap, an edited one as a hash mismatch, a swapped pair as a mismatch at the first of
 * them. Deleting the newest events leaves a valid shorter chain: compare the head with an
 * anchored copy (signed checkpoint) to catch that.
 */
export async function verifyAuditChain(db: PrismaClient, batchSize = 1000): Promise<ChainCheck> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) return { ok: true, count, headHash: prevHash };
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, count, seq: expectedSeq, problem: "SEQUENCE_GAP" };
      if (row.prevHash !== prevHash) return { ok: false, count, seq: row.seq, problem: "PREV_HASH_MISMATCH" };
      const recomputed = auditEventHash({
        seq: row.seq,
        at: row.at,
        actorId: row.actorId,
        actorRoles: row.actorRoles,
        onBehalfOfId: row.onBehalfOfId,
        action: row.action,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        summary: row.summary,
        ip: row.ip,
        userAgent: row.userAgent,
        prevHash: row.prevHash,
      });
      if (recomputed !== row.hash) return { ok: false, count, seq: row.seq, problem: "HASH_MISMATCH" };
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
  }
}
