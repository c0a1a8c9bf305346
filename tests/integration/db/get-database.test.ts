// The process-wide database: lazy, one instance, DATA_DIR honoured, reopenable after close.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDbKind } from "../support/test-db";

const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
let dataDir: string | undefined;
afterAll(async () => {
  Object.assign(process.env, saved);
  if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
  if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(testDbKind() !== "pglite")("getDatabase", () => {
  it("opens nothing at import, then one shared PGlite in DATA_DIR/pglite", async () => {
    const portalDir = await mkdtemp(path.join(os.tmpdir(), "db-singleton-"));
    dataDir = path.join(portalDir, "pglite");
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = portalDir;

    const { getDatabase, closeDatabase, openedDatabase } = await import("@/db");
    await expect(readdir(dataDir)).rejects.toThrow(); // import alone created nothing

    // openedDatabase (the OCSP hot path's synchronous look) never opens and never hands out a database still opening.
    expect(openedDatabase()).toBeUndefined();
    const opening = getDatabase();
    expect(openedDatabase()).toBeUndefined();
    const [a, b] = await Promise.all([opening, getDatabase()]);
    expect(a).toBe(b);
    expect(openedDatabase()).toBe(a);
    expect(a.kind).toBe("pglite");
    expect((await readdir(dataDir)).length).toBeGreaterThan(0);
    await a.prisma.appSetting.create({ data: { key: "singleton", value: 1 } });

    await closeDatabase();
    expect(openedDatabase()).toBeUndefined();
    const c = await getDatabase();
    expect(openedDatabase()).toBe(c);
    expect(c).not.toBe(a);
    expect((await c.prisma.appSetting.findUniqueOrThrow({ where: { key: "singleton" } })).value).toBe(1);
    await closeDatabase();
  });
});
