#!/usr/bin/env node
// npm run db:migration -- <name>
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL that takes the
// database from what the existing migrations build to what prisma/schema.prisma describes.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffMigrationsTo, isEmptyDiff, migrationsDir } from "./prisma-diff.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9][a-z0-9_]*$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lower-case letters, digits, underscores)");
  process.exit(2);
}

const sql = await diffMigrationsTo();
if (isEmptyDiff(sql)) {
  console.log("prisma/schema.prisma and prisma/migrations agree: no migration written.");
  process.exit(0);
}

function stamp(date) {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}
const existing = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name))
  .map((e) => e.name.slice(0, 14))
  .sort();
let ts = stamp(new Date());
const last = existing.at(-1);
// Folders apply in name order: never sort before an existing one, even with a slow clock.
if (last && ts <= last) ts = String(BigInt(last) + 1n);

const dir = path.join(migrationsDir, `${ts}_${name}`);
if (existsSync(dir)) throw new Error(`${dir} exists`);
mkdirSync(dir);
writeFileSync(path.join(dir, "migration.sql"), sql.endsWith("\n") ? sql : `${sql}\n`);
console.log(`wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}:\n\n${sql}`);
console.log("Review it; add raw SQL Prisma cannot express at the end and list it in src/db/raw-sql-extras.ts.");
