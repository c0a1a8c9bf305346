// Verifies the whole audit chain of the configured database and names the first broken link.
// Usage: npm run audit:verify   (DATABASE_URL or DATA_DIR select the database, as for the portal)
// Exit code: 0 intact, 1 broken, 2 could not check.
import { closeDatabase, getDatabase } from "@/db";
import { verifyAuditChain } from "@/server/core/audit";

async function main(): Promise<number> {
  const db = await getDatabase();
  const result = await verifyAuditChain(db.prisma);
  if (result.ok) {
    console.log(`audit chain intact: ${result.count} events, head ${result.headHash}`);
    return 0;
  }
  console.log(`audit chain BROKEN at event ${result.seq}: ${result.problem} (${result.count} events before it verified)`);
  return 1;
}

main()
  .then(async (code) => {
    await closeDatabase();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error("audit chain could not be checked:", error instanceof Error ? error.message : error);
    await closeDatabase().catch(() => undefined);
    process.exit(2);
  });
