// Prints, as JSON, what a stopped portal's embedded database holds: `npx tsx e2e/support/db-snapshot.ts DATA_DIR`.
// Run in its own process because PGlite allows one process per data folder.
import { getDatabase } from "@/db";

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: db-snapshot.ts DATA_DIR");
  // The same path from DATA_DIR to the database folder as the portal takes.
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const db = await getDatabase();
  try {
    const snapshot = {
      users: await db.prisma.user.count(),
      failedSignIns: await db.prisma.signInAttempt.count({ where: { success: false } }),
      migrations: await db.prisma.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`,
    };
    console.log(JSON.stringify({ ...snapshot, migrations: Number(snapshot.migrations[0]?.n ?? 0) }));
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
