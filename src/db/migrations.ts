// Applies prisma/migrations/*/migration.sql in name order and records each one in
// `_prisma_migrations` exactly as Prisma Migrate does (same table, checksum = SHA-256 hex of the
// file, applied_steps_count = 1), so `prisma migrate deploy/status` elsewhere see them as applied.
// Unlike Prisma, each migration runs inside one transaction together with its bookkeeping row:
// a failing migration leaves neither schema changes nor a "failed" row behind.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** The minimal connection the runner needs; see pgliteConnection / pgConnection in open.ts. */
export interface MigrationConnection {
  kind: "pglite" | "postgres";
  /** Runs a script of one or more statements (simple query protocol, no parameters). */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  /** SHA-256 hex of the file's bytes, as Prisma computes it. */
  checksum: string;
}

export interface MigrationOptions {
  migrationsDir?: string;
  /** Non-fatal findings (edited or unknown migrations); defaults to console.warn. */
  onWarning?: (message: string) => void;
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    readonly cause: unknown,
  ) {
    super(
      `Migration ${migration} failed and was rolled back (no change was kept): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = "MigrationError";
  }
}

/** Prisma Migrate's own advisory lock key, so this runner and `prisma migrate` exclude each other. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export function checksumOf(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

export async function readMigrations(dir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name, "migration.sql");
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists) continue;
    const bytes = await readFile(file);
    files.push({ name, sql: bytes.toString("utf8"), checksum: checksumOf(bytes) });
  }
  return files;
}

interface AppliedRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

async function tableExists(conn: MigrationConnection): Promise<boolean> {
  const rows = await conn.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
  return rows[0]?.t != null;
}

async function readApplied(conn: MigrationConnection): Promise<AppliedRow[]> {
  if (!(await tableExists(conn))) return [];
  return conn.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
}

function isDone(row: AppliedRow): boolean {
  return row.finished_at != null && row.rolled_back_at == null;
}

/** Which local migrations are recorded as applied, and which are still to run. */
export async function migrationState(
  conn: MigrationConnection,
  options: Pick<MigrationOptions, "migrationsDir"> = {},
): Promise<{ applied: string[]; pending: string[] }> {
  const files = await readMigrations(options.migrationsDir);
  const done = new Set((await readApplied(conn)).filter(isDone).map((r) => r.migration_name));
  return {
    applied: files.filter((f) => done.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !done.has(f.name)).map((f) => f.name),
  };
}

/**
 * Applies pending migrations; returns the names applied by this call. On PostgreSQL it holds
 * Prisma's advisory lock for the whole run, so instances starting together apply each
 * migration once. The connection must be a single session (not a pool) for that lock to hold.
 */
export async function applyMigrations(
  conn: MigrationConnection,
  options: MigrationOptions = {},
): Promise<{ applied: string[] }> {
  const warn = options.onWarning ?? ((m: string) => console.warn(`[db] ${m}`));
  const files = await readMigrations(options.migrationsDir);
  if (conn.kind === "postgres") await conn.query(`SELECT pg_advisory_lock($1)`, [PRISMA_ADVISORY_LOCK_KEY]);
  try {
    await conn.exec(CREATE_TABLE);
    // Read after taking the lock: another instance may just have applied some.
    const rows = await readApplied(conn);
    const failed = rows.filter((r) => r.finished_at == null && r.rolled_back_at == null);
    if (failed.length > 0) {
      throw new Error(
        `The database records failed migration(s) ${failed.map((r) => r.migration_name).join(", ")} ` +
          `(left by another tool). Fix the schema by hand, then mark them with \`prisma migrate resolve\`.`,
      );
    }
    const done = new Map(rows.filter(isDone).map((r) => [r.migration_name, r]));
    const local = new Set(files.map((f) => f.name));
    for (const name of done.keys()) {
      if (!local.has(name)) warn(`migration ${name} is recorded in the database but missing from ${options.migrationsDir ?? "prisma/migrations"}`);
    }
    const applied: string[] = [];
    for (const file of files) {
      const row = done.get(file.name);
      if (row) {
        if (row.checksum !== file.checksum) warn(`migration ${file.name} was edited after it was applied (checksum differs)`);
        continue;
      }
      await applyOne(conn, file);
      applied.push(file.name);
    }
    return { applied };
  } finally {
    if (conn.kind === "postgres") await conn.query(`SELECT pg_advisory_unlock($1)`, [PRISMA_ADVISORY_LOCK_KEY]);
  }
}

async function applyOne(conn: MigrationConnection, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await conn.exec("BEGIN");
  try {
    await conn.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, file.checksum, file.name],
    );
    await conn.exec(file.sql);
    await conn.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await conn.exec("COMMIT");
  } catch (error) {
    await conn.exec("ROLLBACK").catch(() => undefined);
    throw new MigrationError(file.name, error);
  }
}
