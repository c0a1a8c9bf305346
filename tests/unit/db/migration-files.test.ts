// Reading migration folders: order, checksum, what is ignored; and the tool's schema helpers.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checksumOf, readMigrations } from "@/db/migrations";
import { isEmptyDiff, withUrl } from "../../../tools/prisma-migrate/prisma-diff.mjs";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "db-unit-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readMigrations", () => {
  it("returns folders with a migration.sql in name order, with Prisma's checksum of the bytes", async () => {
    const root = path.join(dir, "m");
    const write = async (name: string, sql: string) => {
      await mkdir(path.join(root, name), { recursive: true });
      await writeFile(path.join(root, name, "migration.sql"), sql);
    };
    await write("20250102000000_second", "SELECT 2;\r\n");
    await write("20250101000000_first", "SELECT '数据';\n");
    await mkdir(path.join(root, "20250103000000_empty_folder"));
    await write(".hidden", "SELECT 3;");
    await writeFile(path.join(root, "migration_lock.toml"), 'provider = "postgresql"\n');

    const files = await readMigrations(root);
    expect(files.map((f) => f.name)).toEqual(["20250101000000_first", "20250102000000_second"]);
    const bytes = await readFile(path.join(root, "20250102000000_second", "migration.sql"));
    // CRLF is kept as is: Prisma hashes the file's bytes.
    expect(files[1]!.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(files[0]!.checksum).toBe(checksumOf(Buffer.from("SELECT '数据';\n", "utf8")));
    expect(files[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads the repository's migrations", async () => {
    const files = await readMigrations(path.resolve("prisma/migrations"));
    expect(files.length).toBeGreaterThan(0);
    expect(files[0]!.sql).toContain('CREATE TABLE "User"');
  });
});

describe("prisma-migrate tool helpers", () => {
  it("adds the url line Prisma 6 needs to a temporary copy only", async () => {
    const schema = path.join(dir, "schema.prisma");
    const text = 'datasource db {\n  provider = "postgresql"\n}\n';
    await writeFile(schema, text);
    const out = path.join(dir, "out");
    await mkdir(out);
    const copy = withUrl(schema, out);
    expect(await readFile(copy, "utf8")).toMatch(/datasource db \{\n {2}url = "postgresql:\/\/offline\.invalid\/unused"\n {2}provider/);
    expect(await readFile(schema, "utf8")).toBe(text);
  });

  it("treats comment-only output as no change", () => {
    expect(isEmptyDiff("-- This is an empty migration.\n")).toBe(true);
    expect(isEmptyDiff("")).toBe(true);
    expect(isEmptyDiff('-- AlterTable\nALTER TABLE "User" ADD COLUMN "x" TEXT;\n')).toBe(false);
  });
});
