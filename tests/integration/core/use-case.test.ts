import { caOf } from "@/server/ca-service/wire-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { DomainError } from "@/server/core/errors";
import { defineUseCase } from "@/server/core/use-case";
import { verifyAuditChain, type AuditInput } from "@/server/core/audit";
import { openTestDb } from "../support/test-db";
import type { Database } from "@/db/open";

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
const ctx = (roles: ("SUBSCRIBER" | "CA_ADMIN")[] | null): ServiceContext => ({
  db: db.prisma,
  ca: caOf(db.prisma),
  clock,
  actor: roles ? { userId: "user-1", roles } : null,
  meta: { ip: "203.0.113.7", userAgent: "vitest" },
});

const setSetting = defineUseCase({
  name: "test.set-setting",
  input: z.object({ key: z.string().min(1), value: z.number().int() }),
  authorize: (actor) => actor.roles.includes("CA_ADMIN"),
  async run(s, input) {
    await s.tx.appSetting.upsert({
      where: { key: input.key },
      create: { key: input.key, value: input.value },
      update: { value: input.value },
    });
    s.audit(untypedEvent({ action: "setting.set", subjectType: "AppSetting", subjectId: input.key, summary: { value: input.value } }));
    return { key: input.key };
  },
});

describe("defineUseCase", () => {
  it("validates, authorises, writes the change and one audit event with the request metadata", async () => {
    const before = await db.prisma.auditEvent.count();
    await expect(setSetting(ctx(["CA_ADMIN"]), { key: "a", value: 1 })).resolves.toEqual({ key: "a" });
    const events = await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events).toHaveLength(before + 1);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ action: "setting.set", actorId: "user-1", ip: "203.0.113.7", userAgent: "vitest", subjectId: "a" });
    expect(last.actorRoles).toEqual(["CA_ADMIN"]);
    expect(last.at.toISOString()).toBe("2026-11-24T06:00:00.000Z");
  });

  it("refuses bad input, no actor and the wrong role before touching the database", async () => {
    const before = await db.prisma.auditEvent.count();
    await expect(setSetting(ctx(["CA_ADMIN"]), { key: "", value: 1.5 })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(setSetting(ctx(null), { key: "b", value: 1 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(setSetting(ctx(["SUBSCRIBER"]), { key: "b", value: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.prisma.appSetting.findUnique({ where: { key: "b" } })).toBeNull();
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });

  it("rolls back the change when the body throws a domain error, and when it forgets the audit event", async () => {
    const failing = defineUseCase({
      name: "test.failing",
      input: z.object({ key: z.string() }),
      authorize: "signed-in",
      async run(s, input) {
        await s.tx.appSetting.create({ data: { key: input.key, value: 1 } });
        throw new DomainError("INVALID_STATE_TRANSITION", { from: "X" });
      },
    });
    const unaudited = defineUseCase({
      name: "test.unaudited",
      input: z.object({ key: z.string() }),
      authorize: "signed-in",
      async run(s, input) {
        await s.tx.appSetting.create({ data: { key: input.key, value: 1 } });
      },
    });
    const before = await db.prisma.auditEvent.count();
    await expect(failing(ctx(["SUBSCRIBER"]), { key: "c" })).rejects.toMatchObject({ code: "INVALID_STATE_TRANSITION" });
    await expect(unaudited(ctx(["SUBSCRIBER"]), { key: "d" })).rejects.toThrow(/no audit event/);
    expect(await db.prisma.appSetting.count({ where: { key: { in: ["c", "d"] } } })).toBe(0);
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });

  it("commits the evidence of a refusal when the body rejects after commit", async () => {
    const refusal = defineUseCase({
      name: "test.refusal",
      input: z.object({ key: z.string() }),
      authorize: "public",
      async run(s, input) {
        await s.tx.appSetting.create({ data: { key: input.key, value: "attempt" } });
        s.audit(untypedEvent({ action: "test.refused", subjectType: "AppSetting", subjectId: input.key }));
        s.rejectAfterCommit(new DomainError("INVALID_CREDENTIALS"));
      },
    });
    await expect(refusal(ctx(null), { key: "e" })).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect(await db.prisma.appSetting.findUnique({ where: { key: "e" } })).not.toBeNull();
    const last = await db.prisma.auditEvent.findFirst({ orderBy: { seq: "desc" } });
    expect(last).toMatchObject({ action: "test.refused", actorId: null });
  });

  it("keeps nothing, not even a row written before, and no audit event when the body finds nothing changed", async () => {
    const unchangedSave = defineUseCase({
      name: "test.unchanged",
      input: z.object({ key: z.string() }),
      authorize: "signed-in",
      run: async (s, { key }) => {
        await s.tx.appSetting.create({ data: { key, value: "written first" } });
        return s.nothingChanged({ key, changed: false });
      },
    });
    const before = await db.prisma.auditEvent.count();
    await expect(unchangedSave(ctx(["CA_ADMIN"]), { key: "unchanged" })).resolves.toEqual({ key: "unchanged", changed: false });
    expect(await db.prisma.appSetting.findUnique({ where: { key: "unchanged" } })).toBeNull();
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });

  it("keeps the chain contiguous and valid under parallel use cases", async () => {
    const before = await db.prisma.auditEvent.count();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => setSetting(ctx(["CA_ADMIN"]), { key: `p${i}`, value: i })),
    );
    const check = await verifyAuditChain(db.prisma);
    expect(check).toMatchObject({ ok: true, count: before + 20 });
  });
});
