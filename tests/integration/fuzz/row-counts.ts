import type { PrismaClient } from "@/generated/prisma/client";

/**
 * Rows per table of the test database, except the rate-limit buckets (every public request counts
 * against its client's budget, refused or not): equal before and after a batch means that nothing
 * was written on refusal.
 */
export async function rowCounts(db: PrismaClient, except: readonly string[] = ["RateLimitBucket", "_prisma_migrations"]): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    out[name] = Number(row!.n);
  }
  return out;
}
