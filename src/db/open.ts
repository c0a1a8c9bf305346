// Opens the one database of the application: embedded PGlite (a directory, or in memory) when no
// PostgreSQL URL is given, PostgreSQL through node-postgres otherwise. Pending migrations are
// applied before the client is handed out.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { ensurePrivateDir } from "../config/private-dir";
import { PrismaClient } from "../generated/prisma/client";
import { pgConnection, pgliteConnection } from "./connections";
import { DATA_CHANGED_CHANNEL, noteDataChanged, setDataChangesLive } from "./data-changes";
import { applyMigrations, type MigrationOptions } from "./migrations";
import { preparedStatementName } from "./prepared-statements";

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; "memory://" for an in-memory database. Default ./.data/pglite. */
  dataDir?: string;
  /** In-memory PGlite only: start from this data directory (a dumpDataDir tar); the tests' migrated copy. */
  loadDataDir?: Blob;
  migrationsDir?: string;
  onWarning?: MigrationOptions["onWarning"];
}

export const DEFAULT_DATA_DIR = "./.data/pglite";

// PGlite is one connection: interactive transactions queue behind each other, so a transaction
// may wait for many others before it starts. Generous limits avoid spurious "unable to start a
// transaction in the given time" under load; PostgreSQL keeps Prisma's defaults.
const PGLITE_TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 } as const;

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.dataDir ?? DEFAULT_DATA_DIR, options);
}

async function openPglite(dataDir: string, options: OpenOptions): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  // The database files are the portal's alone (DATA_DIR is 0700: src/config/private-dir.ts).
  if (!inMemory) await ensurePrivateDir(dataDir);
  const pglite = await (inMemory ? PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : undefined) : PGlite.create(dataDir));
  try {
    await applyMigrations(pgliteConnection(pglite), options);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  // No extra mutex: PGlite queues transactions and plain queries on its own transaction mutex,
  // which tests/integration/db/pglite-transactions.test.ts holds it to.
  // One process, one session: every committed change is heard here, before the query that
  // committed it returns (PGlite hands notifications over with that query's result).
  await pglite.listen(DATA_CHANGED_CHANNEL, noteDataChanged);
  setDataChangesLive(true);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: PGLITE_TRANSACTION_OPTIONS });
  let closing: Promise<void> | undefined;
  return {
    prisma,
    kind: "pglite",
    close: () =>
      (closing ??= (async () => {
        await prisma.$disconnect();
        // A clean close checkpoints the data directory; skipping it means recovery at next open.
        await pglite.close();
      })()),
  };
}

// Which PostgreSQL server a client was opened on: a LISTEN needs its own session
// (listenForStatusChanges), never one of the pool's. On globalThis: Next bundles this module into
// several chunks, and the client may be opened by one and used by another.
const postgresUrls = ((globalThis as { [key: symbol]: unknown })[Symbol.for("portal.db.postgres-urls")] ??= new WeakMap<PrismaClient, string>()) as WeakMap<PrismaClient, string>;

/** The postgres:// URL a client was opened with by openDatabase; undefined on PGlite. */
export function postgresUrlOf(prisma: PrismaClient): string | undefined {
  return postgresUrls.get(prisma);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyMigrations(pgConnection(client), options);
  } finally {
    await client.end();
  }
  const prisma = new PrismaClient({
    adapter: new PrismaPg(
      { connectionString: url },
      // Typed to return a string, but the adapter passes the name straight to node-postgres, which
      // sends an undefined name unnamed, exactly as without a generator (prepared-statements.ts).
      { statementNameGenerator: preparedStatementName as (query: { sql: string }) => string },
    ),
  });
  postgresUrls.set(prisma, url);
  let closing: Promise<void> | undefined;
  return {
    prisma,
    kind: "postgres",
    close: () => (closing ??= prisma.$disconnect()),
  };
}
