import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "@/server/core/context";
import { deliverPendingNotifications, enqueueNotification, type MailTransport } from "@/server/core/outbox";
import { openTestDb } from "../support/test-db";
import type { Database } from "@/db/open";

let db: Database;
const t0 = new Date("2026-11-24T06:00:00.000Z");
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db?.close();
});

const render = (n: { template: string; payload: unknown }) => ({ subject: n.template, text: JSON.stringify(n.payload) });

function recordingTransport(failTimes = 0): MailTransport & { sent: { to: string; messageId: string }[] } {
  let failures = 0;
  const sent: { to: string; messageId: string }[] = [];
  return {
    sent,
    async send(mail) {
      if (failures < failTimes) {
        failures += 1;
        throw new Error("421 service not available");
      }
      sent.push({ to: mail.to, messageId: mail.messageId });
    },
  };
}

async function enqueue(key: string, to = "a@example.test") {
  await db.prisma.$transaction((tx) =>
    enqueueNotification(tx, { toAddress: to, locale: "zh-CN", template: "t", payload: { key }, dedupeKey: key }, t0),
  );
}

describe("outbox", () => {
  it("ignores a second notification with the same dedupe key, and none survives a rollback", async () => {
    await enqueue("k1");
    await enqueue("k1");
    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueueNotification(tx, { toAddress: "b@example.test", locale: "en", template: "t", payload: {}, dedupeKey: "k2" }, t0);
        throw new Error("the causing change failed");
      }),
    ).rejects.toThrow();
    expect(await db.prisma.notification.findMany({ select: { dedupeKey: true } })).toEqual([{ dedupeKey: "k1" }]);
  });

  it("delivers once, even with two workers at the same moment", async () => {
    for (let i = 0; i < 10; i++) await enqueue(`m${i}`, `u${i}@example.test`);
    const clock = fixedClock(t0);
    const transport = recordingTransport();
    const [a, b] = await Promise.all([
      deliverPendingNotifications({ db: db.prisma, clock, transport, render }),
      deliverPendingNotifications({ db: db.prisma, clock, transport, render }),
    ]);
    expect(a.sent + b.sent).toBe(10);
    expect(new Set(transport.sent.map((m) => m.to)).size).toBe(10);
    expect(transport.sent).toHaveLength(10);
    expect(await db.prisma.notification.count({ where: { status: "SENT" } })).toBe(10);
    const again = await deliverPendingNotifications({ db: db.prisma, clock, transport, render });
    expect(again.sent).toBe(0);
  });

  it("retries with back-off after a failure, and gives up after the last attempt", async () => {
    await enqueue("r1");
    const clock = fixedClock(t0);
    const flaky = recordingTransport(1);
    expect(await deliverPendingNotifications({ db: db.prisma, clock, transport: flaky, render })).toMatchObject({ retried: 1 });
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { dedupeKey: "r1" } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.lastError).toContain("421");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());
    // Not due yet: nothing is sent.
    expect(await deliverPendingNotifications({ db: db.prisma, clock, transport: flaky, render })).toMatchObject({ sent: 0, retried: 0 });
    clock.advance(60_000);
    expect(await deliverPendingNotifications({ db: db.prisma, clock, transport: flaky, render })).toMatchObject({ sent: 1 });

    await enqueue("dead");
    const down = recordingTransport(100);
    for (let i = 0; i < 3; i++) {
      await deliverPendingNotifications({ db: db.prisma, clock, transport: down, render, maxAttempts: 3 });
      clock.advance(2 * 60 * 60_000);
    }
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { dedupeKey: "dead" } })).toMatchObject({ status: "FAILED", attempts: 3 });
  });
});
