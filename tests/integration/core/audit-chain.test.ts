import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendAuditEvent, verifyAuditChain, type AuditInput } from "@/server/core/audit";
import { openTestDb } from "../support/test-db";
import type { Database } from "@/db/open";

let db: Database;
const untypedEvent = (e: object) => e as AuditInput;
beforeEach(async () => {
  db = await openTestDb();
  for (let i = 1; i <= 5; i++) {
    await db.prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        at: new Date(Date.UTC(2026, 10, 24, 6, 0, i)),
        actorId: `user-${i}`,
        actorRoles: ["SUBSCRIBER"],
        // Not a portal event: the chain must hash any summary, nested keys in any order.
        ...untypedEvent({ action: "test.event", subjectType: "Thing", subjectId: `t${i}`, summary: { n: i, nested: { z: 1, a: [1, "二"] } } }),
        ip: "198.51.100.1",
        userAgent: "vitest",
      }),
    );
  }
});
afterEach(async () => {
  await db?.close();
});

/** Tampering as an attacker with database access would: the append-only trigger switched off. */
async function tamper(sql: string | string[]) {
  await db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    for (const statement of [sql].flat()) await tx.$executeRawUnsafe(statement);
  });
}

describe("audit chain", () => {
  it("verifies an intact chain, keys of the summary in any order", async () => {
    await expect(verifyAuditChain(db.prisma)).resolves.toMatchObject({ ok: true, count: 5 });
    const rows = await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
  });

  it("refuses UPDATE and DELETE through the append-only guard", async () => {
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'x' WHERE "seq" = 2`)).rejects.toThrow();
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 2`)).rejects.toThrow();
    await expect(verifyAuditChain(db.prisma)).resolves.toMatchObject({ ok: true, count: 5 });
  });

  it.each([
    ["an edited summary", `UPDATE "AuditEvent" SET "summary" = '{"n": 99}' WHERE "seq" = 3`, 3, "HASH_MISMATCH"],
    ["an edited time", `UPDATE "AuditEvent" SET "at" = "at" + interval '1 second' WHERE "seq" = 4`, 4, "HASH_MISMATCH"],
    ["an edited actor", `UPDATE "AuditEvent" SET "actorId" = 'someone-else' WHERE "seq" = 2`, 2, "HASH_MISMATCH"],
    ["a deleted event", `DELETE FROM "AuditEvent" WHERE "seq" = 2`, 2, "SEQUENCE_GAP"],
    [
      "two events swapped",
      [
        `UPDATE "AuditEvent" SET "seq" = -2 WHERE "seq" = 2`,
        `UPDATE "AuditEvent" SET "seq" = 2 WHERE "seq" = 3`,
        `UPDATE "AuditEvent" SET "seq" = 3 WHERE "seq" = -2`,
      ],
      2,
      "PREV_HASH_MISMATCH",
    ],
  ])("names the first broken link after %s", async (_label, sql, seq, problem) => {
    await tamper(sql);
    await expect(verifyAuditChain(db.prisma)).resolves.toMatchObject({ ok: false, seq, problem });
  });

  it("finds a rewritten event even when its hash was recomputed, at the next link", async () => {
    const third = await db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 3 } });
    const { auditEventHash } = await import("@/server/core/audit");
    const forged = auditEventHash({ ...third, summary: { n: 42 } });
    await tamper(`UPDATE "AuditEvent" SET "summary" = '{"n": 42}', "hash" = '${forged}' WHERE "seq" = 3`);
    await expect(verifyAuditChain(db.prisma)).resolves.toMatchObject({ ok: false, seq: 4, problem: "PREV_HASH_MISMATCH" });
  });
});
