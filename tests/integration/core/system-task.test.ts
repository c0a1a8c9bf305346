import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/open";
import { verifyAuditChain, type AuditInput } from "@/server/core/audit";
import { fixedClock } from "@/server/core/context";
import { defineSystemTask } from "@/server/core/system-task";
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
const deps = () => ({ db: db.prisma, clock });

/** Writes a setting, queues one mail and records one event, or fails/skips the way it is told. */
const setSetting = defineSystemTask({
  name: "test.system-set-setting",
  async run(s, input: { key: string; then?: "throw" | "forget-audit" | "audit-twice" | "nothing" | "nothing-and-audit" }) {
    await s.tx.appSetting.create({ data: { key: input.key, value: 1 } });
    await s.notify({ toAddress: "someone@example.test", locale: "en", template: "test.mail", payload: {}, dedupeKey: `test:${input.key}` });
    if (input.then === "nothing" || input.then === "nothing-and-audit") s.nothingToRecord();
    if (input.then !== "forget-audit" && input.then !== "nothing") s.audit(untypedEvent({ action: "test.system-set", subjectType: "AppSetting", subjectId: input.key, summary: { key: input.key } }));
    if (input.then === "audit-twice") s.audit(untypedEvent({ action: "test.system-set", subjectType: "AppSetting", subjectId: input.key, summary: {} }));
    if (input.then === "throw") throw new Error("disk full");
    return input.key;
  },
});

const written = async (key: string) => ({
  setting: await db.prisma.appSetting.findUnique({ where: { key } }),
  mails: await db.prisma.notification.count({ where: { dedupeKey: `test:${key}` } }),
  events: await db.prisma.auditEvent.findMany({ where: { subjectId: key } }),
});

describe("defineSystemTask", () => {
  it("commits the change, its notification and exactly one audit event by the system, at the clock's instant", async () => {
    await expect(setSetting(deps(), { key: "ok" })).resolves.toBe("ok");
    const w = await written("ok");
    expect(w.setting).not.toBeNull();
    expect(w.mails).toBe(1);
    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toMatchObject({ action: "test.system-set", actorId: null, actorRoles: ["SYSTEM"], ip: null, userAgent: null, summary: { key: "ok" } });
    expect(w.events[0]!.at.toISOString()).toBe("2026-11-24T06:00:00.000Z");
  });

  it("rolls back the change, the notification and the event when the body throws", async () => {
    await expect(setSetting(deps(), { key: "boom", then: "throw" })).rejects.toThrow("disk full");
    expect(await written("boom")).toEqual({ setting: null, mails: 0, events: [] });
  });

  it("rolls back a change without evidence, and a second event", async () => {
    await expect(setSetting(deps(), { key: "silent", then: "forget-audit" })).rejects.toThrow("no audit event recorded");
    expect(await written("silent")).toEqual({ setting: null, mails: 0, events: [] });
    await expect(setSetting(deps(), { key: "twice", then: "audit-twice" })).rejects.toThrow("one audit event");
    expect(await written("twice")).toEqual({ setting: null, mails: 0, events: [] });
  });

  it("commits without an event only when the body says there was nothing to record, and never with both", async () => {
    await expect(setSetting(deps(), { key: "idle", then: "nothing" })).resolves.toBe("idle");
    const idle = await written("idle");
    expect(idle.setting).not.toBeNull();
    expect(idle.events).toEqual([]);
    await expect(setSetting(deps(), { key: "both", then: "nothing-and-audit" })).rejects.toThrow("nothing to record");
    expect(await written("both")).toEqual({ setting: null, mails: 0, events: [] });
    await expect(verifyAuditChain(db.prisma)).resolves.toMatchObject({ ok: true });
  });
});
