import { settings } from "@/config/settings";
import { getDatabase, migrationState } from "@/db";
import type { MigrationConnection } from "@/db/migrations";
import type { PrismaClient } from "@/generated/prisma/client";

export interface Health {
  status: "ok" | "error";
  /** Same as status === "ok", for probes that only look at a boolean. */
  ok: boolean;
  database: { kind: "pglite" | "postgres" | null; reachable: boolean };
  migrations: { applied: number; pending: number } | null;
}

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

/** Reachability and migration state, without any detail an attacker could use (no URL, no error text). */
export async function checkHealth(): Promise<Health> {
  try {
    const db = await getDatabase();
    await db.prisma.$queryRawUnsafe("SELECT 1");
    const state = await migrationState(prismaConnection(db.prisma, db.kind));
    const ok = state.pending.length === 0;
    return {
      status: ok ? "ok" : "error",
      ok,
      database: { kind: db.kind, reachable: true },
      migrations: { applied: state.applied.length, pending: state.pending.length },
    };
  } catch {
    return { status: "error", ok: false, database: { kind: settings().embeddedDefault ? "pglite" : "postgres", reachable: false }, migrations: null };
  }
}
