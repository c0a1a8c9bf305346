#!/usr/bin/env node
// Exits 1 (and prints the missing SQL) when prisma/schema.prisma differs from what the
// migrations build. `node tools/prisma-migrate/check-drift.mjs`
import { diffMigrationsTo, isEmptyDiff } from "./prisma-diff.mjs";

const sql = await diffMigrationsTo();
if (isEmptyDiff(sql)) {
  console.log("ok: schema.prisma and prisma/migrations agree");
} else {
  console.error("DRIFT: schema.prisma differs from prisma/migrations; run `npm run db:migration -- <name>`. Missing SQL:\n");
  console.error(sql);
  process.exit(1);
}
