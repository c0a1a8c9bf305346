import { settings } from "@/config/settings";
import { getDatabase, migrationState, type Database } from "@/db";
import type { MigrationConnection } from "@/db/migrations";
import type { PrismaClient } from "@/generated/prisma/client";

export interface Health {
  status: "ok" | "error";
  /** Same as status === "ok", for probes that only look at a boolean. */
  ok: boolean;
  database: { kind: "pglite" | "postgres" | null; reachable: boolean };
  migrations: { applied: number; pending: number } | null;
}

/**
 * What the health check keeps for the life of a process. Migrations are applied at start and never
 * taken back, and a running process's migration files do not change: once it has seen every one of
 * them recorded as applied, that stays true. From then on a call only probes the database
 * (SELECT 1), with no file I/O and no read of _prisma_migrations (issue 16: reading the migration
 * folder on every call held the check to ~100-200 requests/s). Until then (a start still migrating,
 * a database behind this build) every call reads the state again.
 */
export interface HealthMemo {
  migrationsApplied: number | null;
}

const processMemo: HealthMemo = { migrationsApplied: null };

/** The runner's connection interface over the live Prisma client (read-only use here). */
function prismaConnection(prisma: PrismaClient, kind: "pglite" | "postgres"): MigrationConnection {
  return {
    kind,
    exec: async (sql) => {
      await prisma.$executeRawUnsafe(sql);
    },
    query: <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => prisma.$queryRawUnsafe<T[]>(sql, ...params),
  };
}

/** The health of one opened database; `memo` remembers that its migrations are current (see HealthMemo). */
export async function databaseHealth(db: Pick<Database, "prisma" | "kind">, memo: HealthMemo, options: { migrationsDir?: string } = {}): Promise<Health> {
  await db.prisma.$queryRawUnsafe("SELECT 1");
  if (memo.migrationsApplied !== null) {
    return { status: "ok", ok: true, database: { kind: db.kind, reachable: true }, migrations: { applied: memo.migrationsApplied, pending: 0 } };
  }
  const state = await migrationState(prismaConnection(db.prisma, db.kind), options);
  const ok = state.pending.length === 0;
  if (ok) memo.migrationsApplied = state.applied.length;
  return {
    status: ok ? "ok" : "error",
    ok,
    database: { kind: db.kind, reachable: true },
    migrations: { applied: state.applied.length, pending: state.pending.length },
  };
}

/** Reachability and migration state, without any detail an attacker could use (no URL, no error text). */
export async function checkHealth(): Promise<Health> {
  try {
    return await databaseHealth(await getDatabase(), processMemo);
  } catch {
    return { status: "error", ok: false, database: { kind: settings().embeddedDefault ? "pglite" : "postgres", reachable: false }, migrations: null };
  }
}
