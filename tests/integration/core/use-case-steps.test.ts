import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "@/db/open";
import { caOf } from "@/server/ca-service/wire-context";
import type { AuditInput } from "@/server/core/audit";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { DomainError } from "@/server/core/errors";
import { defineUseCase } from "@/server/core/use-case";
import { openTestDb } from "../support/test-db";

let db: Database;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

/** Test events are not portal events: the machinery is tested with actions of its own. */
const untypedEvent = (e: object) => e as AuditInput;

const clock = fixedClock(new Date("2026-11-24T06:00:00.000Z"));
const ctx = (roles: ("SUBSCRIBER" | "CA_ADMIN")[] | null = ["CA_ADMIN"]): ServiceContext => ({
  db: db.prisma,
  ca: caOf(db.prisma),
  clock,
  actor: roles ? { userId: "user-1", roles } : null,
  meta: {},
});

const stored = async (key: string) => (await db.prisma.appSetting.findUnique({ where: { key } }))?.value ?? null;

/**
 * A use case whose three steps record what they saw. prepare and afterCommit read through the
 * client (ctx.db), not the transaction: on PGlite's single connection that only works while no
 * transaction is open, so reaching the assertions at all proves the ordering there.
 */
function stepped(outcome: "commit" | "throw" | "reject-after-commit", prepareFails = false) {
  const steps: string[] = [];
  const key = `steps-${outcome}-${prepareFails}-${Math.random()}`;
  const useCase = defineUseCase({
    name: "test.stepped",
    input: z.object({ value: z.number().int() }),
    authorize: (actor) => actor.roles.includes("CA_ADMIN"),
    async prepare(_ctx, input) {
      steps.push(`prepare saw ${JSON.stringify(await stored(key))}`);
      if (prepareFails) throw new DomainError("CA_UNAVAILABLE");
      return { token: `prepared-${input.value}` };
    },
    async run(s, input, prepared) {
      steps.push(`run got ${prepared.token}`);
      await s.tx.appSetting.create({ data: { key, value: input.value } });
      s.audit(untypedEvent({ action: "test.stepped", subjectType: "AppSetting", subjectId: key, summary: {} }));
      if (outcome === "throw") throw new DomainError("CONFLICT");
      if (outcome === "reject-after-commit") s.rejectAfterCommit(new DomainError("RATE_LIMITED"));
      return { key, publishIds: [key] };
    },
    async afterCommit(c, result) {
      steps.push(`afterCommit saw ${JSON.stringify(await stored(result.key))} at ${c.now.toISOString()}`);
      return { key: result.key, published: true };
    },
  });
  return { useCase, steps, key };
}

describe("defineUseCase prepare and afterCommit", () => {
  it("runs prepare before the transaction (its result goes to run) and afterCommit after the commit, whose result it reshapes", async () => {
    const { useCase, steps, key } = stepped("commit");
    const result = await useCase(ctx(), { value: 7 });
    expect(result).toEqual({ key, published: true });
    expect(steps).toEqual(["prepare saw null", "run got prepared-7", "afterCommit saw 7 at 2026-11-24T06:00:00.000Z"]);
  });

  it("does not run afterCommit when the transaction rolls back", async () => {
    const { useCase, steps, key } = stepped("throw");
    await expect(useCase(ctx(), { value: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(steps).toEqual(["prepare saw null", "run got prepared-1"]);
    expect(await stored(key)).toBeNull();
  });

  it("does not run afterCommit after rejectAfterCommit: the rows and audit event are committed, the caller gets the error", async () => {
    const { useCase, steps, key } = stepped("reject-after-commit");
    await expect(useCase(ctx(), { value: 2 })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(steps).toEqual(["prepare saw null", "run got prepared-2"]);
    expect(await stored(key)).toBe(2);
    expect(await db.prisma.auditEvent.count({ where: { action: "test.stepped", subjectId: key } })).toBe(1);
  });

  it("a failing prepare ends the use case before anything is written", async () => {
    const { useCase, steps, key } = stepped("commit", true);
    const before = await db.prisma.auditEvent.count();
    await expect(useCase(ctx(), { value: 3 })).rejects.toMatchObject({ code: "CA_UNAVAILABLE" });
    expect(steps).toEqual(["prepare saw null"]);
    expect(await stored(key)).toBeNull();
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });

  it("validates and authorises before prepare (no CA is opened for a caller who may not act)", async () => {
    const { useCase, steps } = stepped("commit");
    await expect(useCase(ctx(["SUBSCRIBER"]), { value: 4 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(useCase(ctx(null), { value: 4 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(useCase(ctx(), { value: 4.5 })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(steps).toEqual([]);
  });
});
