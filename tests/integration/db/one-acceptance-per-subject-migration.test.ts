// The migration one_acceptance_per_subject (issue 15) replaces the per-context unique index on
// active agreement acceptances by one per subject (a person, or an organisation whichever agent
// accepted). Rows already there with several active acceptances of one subject (one per context,
// as the old rule kept them) are reduced to one: the highest version, latest accepted, stays
// active; the others are marked superseded by it. No row is deleted (they are evidence).
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgConnection, pgliteConnection } from "@/db/connections";
import { applyMigrations, type MigrationConnection } from "@/db/migrations";
import { createEmptyPostgresDb, testDbKind } from "../support/test-db";

const MIGRATIONS = path.resolve("prisma/migrations");
const THIS_MIGRATION = "20261203124422_one_acceptance_per_subject";
const quiet = { onWarning: () => undefined };

let tmp: string;
let conn: MigrationConnection;
let close: () => Promise<void>;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "one-acceptance-migration-"));
  if (testDbKind() === "pglite") {
    const lite = await PGlite.create();
    conn = pgliteConnection(lite);
    close = () => lite.close();
  } else {
    const empty = await createEmptyPostgresDb();
    const client = new pg.Client({ connectionString: empty.url });
    await client.connect();
    conn = pgConnection(client);
    close = async () => (await client.end(), await empty.drop());
  }
});
afterAll(async () => {
  await close?.();
  await rm(tmp, { recursive: true, force: true });
});

describe("migration one_acceptance_per_subject", () => {
  it("keeps one active acceptance per subject, the highest version and latest, and supersedes the rest by it", async () => {
    const before = path.join(tmp, "before");
    for (const e of await readdir(MIGRATIONS, { withFileTypes: true })) {
      if (e.isDirectory() && e.name < THIS_MIGRATION) await cp(path.join(MIGRATIONS, e.name), path.join(before, e.name), { recursive: true });
    }
    await applyMigrations(conn, { migrationsDir: before, ...quiet });
    const h = "a".repeat(64);
    await conn.exec(`
      INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES ('u1', 'u1@example.test', 'x', now()), ('u2', 'u2@example.test', 'x', now()), ('u3', 'u3@example.test', 'x', now());
      INSERT INTO "Organisation" ("id", "name", "unifiedSocialCreditCode", "updatedAt") VALUES ('o1', '示例公司', '914403001922038216', now());
      INSERT INTO "AgreementVersion" ("id", "version", "effectiveAt", "publishedAt", "contentHash") VALUES
        ('v1', 1, '2026-01-01', '2026-01-01', '${h}'), ('v2', 2, '2026-06-01', '2026-06-01', '${h}');
      INSERT INTO "AgreementAcceptance" ("id", "versionId", "contentHash", "userId", "onBehalfOfOrganisationId", "acceptedAt", "method", "context") VALUES
        ('u1-apply-v1', 'v1', '${h}', 'u1', NULL, '2026-02-01', 'ONLINE_CLICK', 'APPLY'),
        ('u1-download-v2', 'v2', '${h}', 'u1', NULL, '2026-07-01', 'ONLINE_CLICK', 'DOWNLOAD'),
        ('u1-renew-v2', 'v2', '${h}', 'u1', NULL, '2026-07-02', 'ONLINE_CLICK', 'RENEW'),
        ('u2-apply-v1', 'v1', '${h}', 'u2', NULL, '2026-02-01', 'ONLINE_CLICK', 'APPLY'),
        ('u2-org-apply-v2', 'v2', '${h}', 'u2', 'o1', '2026-07-01', 'ONLINE_CLICK', 'APPLY'),
        ('u3-org-renew-v2', 'v2', '${h}', 'u3', 'o1', '2026-07-03', 'ONLINE_CLICK', 'RENEW');
    `);
    const { applied } = await applyMigrations(conn, quiet);
    expect(applied).toContain(THIS_MIGRATION);
    const rows = await conn.query<{ id: string; active: boolean; supersededById: string | null }>(
      `SELECT "id", "supersededAt" IS NULL AS "active", "supersededById" FROM "AgreementAcceptance" ORDER BY "id"`,
    );
    expect(rows).toEqual([
      { id: "u1-apply-v1", active: false, supersededById: "u1-renew-v2" },
      { id: "u1-download-v2", active: false, supersededById: "u1-renew-v2" },
      { id: "u1-renew-v2", active: true, supersededById: null },
      { id: "u2-apply-v1", active: true, supersededById: null }, // the person's own, apart from the organisation's
      { id: "u2-org-apply-v2", active: false, supersededById: "u3-org-renew-v2" },
      { id: "u3-org-renew-v2", active: true, supersededById: null }, // the organisation's, whichever agent
    ]);
    // The new indexes hold: a second active acceptance of the same subject is refused, whatever the context.
    await expect(conn.exec(`INSERT INTO "AgreementAcceptance" ("id", "versionId", "contentHash", "userId", "acceptedAt", "method", "context") VALUES ('x', 'v2', '${h}', 'u1', now(), 'ONLINE_CLICK', 'USE')`)).rejects.toThrow();
    await expect(conn.exec(`INSERT INTO "AgreementAcceptance" ("id", "versionId", "contentHash", "userId", "onBehalfOfOrganisationId", "acceptedAt", "method", "context") VALUES ('y', 'v2', '${h}', 'u1', 'o1', now(), 'ONLINE_CLICK', 'USE')`)).rejects.toThrow();
  });
});
