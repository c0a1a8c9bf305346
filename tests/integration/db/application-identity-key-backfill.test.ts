// The migration that adds Application.identityKey and publicKeySha256 fills them for the rows
// already there, as createApplication and attachCsr would: the number normalised like
// identityKey() (src/domain/identity), the organisation's credit code, nothing for an erased
// identity, and the SHA-256 of the SubjectPublicKeyInfo read from the stored CSR's DER.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsr } from "@/ca";
import { pemToDer } from "@/ca/asn1/certificate-parts";
import { pgConnection, pgliteConnection } from "@/db/connections";
import { applyMigrations, type MigrationConnection } from "@/db/migrations";
import { makeCsr, TempDir } from "../certificate/pki-helpers";
import { createEmptyPostgresDb, testDbKind } from "../support/test-db";

const MIGRATIONS = path.resolve("prisma/migrations");
const THIS_MIGRATION = "20261203091727_application_identity_key";
const quiet = { onWarning: () => undefined };

let tmp: string;
let keys: TempDir;
let conn: MigrationConnection;
let close: () => Promise<void>;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "identity-key-backfill-"));
  keys = new TempDir();
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
  keys?.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

describe("migration application_identity_key", () => {
  it("back-fills the identity key and the key hash of the rows already there", async () => {
    // The schema as it stood before this migration.
    const before = path.join(tmp, "before");
    for (const e of await readdir(MIGRATIONS, { withFileTypes: true })) {
      if (e.isDirectory() && e.name < THIS_MIGRATION) await cp(path.join(MIGRATIONS, e.name), path.join(before, e.name), { recursive: true });
    }
    await applyMigrations(conn, { migrationsDir: before, ...quiet });

    const { csrPem } = makeCsr(keys, "backfill");
    const csrDer = Buffer.from(pemToDer(csrPem));
    await conn.exec(`
      INSERT INTO "CertificateProfile" ("id", "code", "nameZh", "nameEn", "kind", "subjectType", "allowedKeyAlgorithms", "validityDays", "keyUsage", "extendedKeyUsage", "policyOid", "usageScope", "subjectTemplate", "updatedAt")
        VALUES ('p', 'p', '个人', 'Personal', 'SIGNATURE', 'INDIVIDUAL', '[]', 365, '[]', '[]', '1.2.3', '', '{}', now());
      INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES ('u1', 'u1@example.test', 'x', now()), ('u2', 'u2@example.test', 'x', now());
      INSERT INTO "SubscriberIdentity" ("id", "userId", "legalName", "idDocumentType", "idDocumentNumber", "anonymisedAt") VALUES
        ('i1', 'u1', '张三', 'OTHER', '110101 19900307-002ｘ', NULL),
        ('i2', 'u2', '[erased]', 'RESIDENT_ID_CARD', '[erased]', now());
      INSERT INTO "Organisation" ("id", "name", "unifiedSocialCreditCode", "updatedAt") VALUES ('o1', '示例公司', '914403001922038216', now());
      INSERT INTO "Application" ("id", "kind", "applicantId", "subjectType", "organisationId", "subscriberIdentityId", "profileId", "updatedAt") VALUES
        ('a-person', 'NEW', 'u1', 'INDIVIDUAL', NULL, 'i1', 'p', now()),
        ('a-erased', 'NEW', 'u2', 'INDIVIDUAL', NULL, 'i2', 'p', now()),
        ('a-org', 'NEW', 'u1', 'ORGANISATION', 'o1', 'i1', 'p', now()),
        ('a-broken-csr', 'NEW', 'u1', 'INDIVIDUAL', NULL, NULL, 'p', now());
    `);
    await conn.query(`UPDATE "Application" SET "csrDer" = $1 WHERE "id" = 'a-person'`, [csrDer]);
    await conn.query(`UPDATE "Application" SET "csrDer" = $1 WHERE "id" = 'a-broken-csr'`, [Buffer.from([0x30, 0x82, 0x01, 0x00, 0x30])]);

    const { applied } = await applyMigrations(conn, quiet);
    expect(applied).toContain(THIS_MIGRATION);
    const rows = await conn.query<{ id: string; identityKey: string | null; publicKeySha256: string | null }>(`SELECT "id", "identityKey", "publicKeySha256" FROM "Application" ORDER BY "id"`);
    expect(rows).toEqual([
      { id: "a-broken-csr", identityKey: null, publicKeySha256: null },
      { id: "a-erased", identityKey: null, publicKeySha256: null },
      { id: "a-org", identityKey: "O:914403001922038216", publicKeySha256: null },
      { id: "a-person", identityKey: "P:11010119900307002X", publicKeySha256: parseCsr(csrDer).spkiSha256 },
    ]);
    // The temporary reader of CSRs is gone: not part of the schema.
    expect(await conn.query(`SELECT 1 FROM pg_proc WHERE proname = 'csr_spki_sha256'`)).toEqual([]);
  });
});
