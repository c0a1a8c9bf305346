import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANNOUNCED_TABLES, QUIET_TABLES, dataChangesLive, dataVersion, postgresUrlOf } from "@/db";
import { DATA_LISTENER_APPLICATION_NAME, listenForDataChanges } from "@/server/page-cache";
import { openTestDb, testDbKind, type Database } from "../support/test-db";

// The data-change announcements page caches rely on (src/db/data-changes.ts, migration
// 20261203234500_data_changed_notify): a committed change of a table pages show is heard, a
// rolled-back one and a change of a quiet table are not, and every table is one or the other.
let db: Database;
let listener: { close(): Promise<void> } | undefined;

beforeAll(async () => {
  db = await openTestDb();
  listener = listenForDataChanges(db.prisma);
  await until(() => dataChangesLive());
});
afterAll(async () => {
  await listener?.close();
  await db.close();
});

async function until(ok: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs a change and says whether the version moved (PostgreSQL's session hears it a moment after the commit). */
async function heard(change: () => Promise<unknown>): Promise<boolean> {
  const before = dataVersion();
  await change().catch(() => undefined);
  if (testDbKind() === "pglite") return dataVersion() !== before; // heard before the commit's query returned
  try {
    await until(() => dataVersion() !== before, 1_000);
    return true;
  } catch {
    return false;
  }
}

describe("data-change announcements", () => {
  it("holds every table to a trigger, or to the quiet list with a reason", async () => {
    const tables = (await db.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`,
    )).map((r) => r.name);
    const triggered = (await db.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = c.relname || '_data_changed'`,
    )).map((r) => r.name);
    expect([...triggered].sort()).toEqual([...ANNOUNCED_TABLES].sort());
    expect([...tables].sort()).toEqual([...ANNOUNCED_TABLES, ...Object.keys(QUIET_TABLES)].sort());
  });

  it("hears a committed change, not a rolled-back one, and not a quiet table's", async () => {
    expect(await heard(() => db.prisma.appSetting.create({ data: { key: "t.one", value: 1 } }))).toBe(true);
    expect(
      await heard(() =>
        db.prisma.$transaction(async (tx) => {
          await tx.appSetting.update({ where: { key: "t.one" }, data: { value: 2 } });
          throw new Error("rolled back");
        }),
      ),
    ).toBe(false);
    expect((await db.prisma.appSetting.findUnique({ where: { key: "t.one" } }))?.value).toBe(1);
    expect(await heard(() => db.prisma.rateLimitBucket.deleteMany({}))).toBe(false);
    // Raw SQL passes the same trigger: an operator's UPDATE is heard too.
    expect(await heard(() => db.prisma.$executeRawUnsafe(`UPDATE "AppSetting" SET value = '3' WHERE key = 't.one'`))).toBe(true);
  });

  // A lost session means changes go unheard: the cache must stop answering until it listens again.
  it.runIf(testDbKind() === "postgres")("is not live while the listening session is cut, and hears changes again once it reconnects", async () => {
    const probe = new pg.Client({ connectionString: postgresUrlOf(db.prisma) });
    await probe.connect();
    const sessions = async () =>
      (await probe.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [DATA_LISTENER_APPLICATION_NAME])).rows[0].n as number;
    try {
      expect(await sessions()).toBe(1);
      const before = dataVersion();
      await probe.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [DATA_LISTENER_APPLICATION_NAME]);
      await until(() => !dataChangesLive());
      expect(dataVersion()).not.toBe(before); // losing the session counts as a change: nothing stored before it is answered
      await until(() => dataChangesLive());
      expect(await sessions()).toBe(1);
      expect(await heard(() => db.prisma.appSetting.create({ data: { key: "t.two", value: 1 } }))).toBe(true);
      await listener!.close();
      listener = undefined;
      expect(dataChangesLive()).toBe(false);
      // Closing ends the session (it leaves pg_stat_activity a moment after the client ends it).
      let left = await sessions();
      for (const end = Date.now() + 2_000; left > 0 && Date.now() < end; left = await sessions()) await new Promise((r) => setTimeout(r, 50));
      expect(left).toBe(0);
    } finally {
      await probe.end();
    }
  });
});
