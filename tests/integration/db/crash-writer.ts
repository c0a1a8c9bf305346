// Child process for crash-recovery.test.ts: commits some rows, leaves one transaction open,
// reports on stdout and waits to be killed with SIGKILL (no close, no checkpoint).
import { openDatabase } from "@/db/open";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: crash-writer <dataDir>");
const db = await openDatabase({ dataDir, onWarning: () => undefined });
for (let i = 1; i <= 25; i++) {
  await db.prisma.appSetting.create({ data: { key: `committed-${i}`, value: { i } } });
}
await db.prisma.$transaction(async (tx) => {
  await tx.appSetting.create({ data: { key: "uncommitted", value: true } });
  process.stdout.write("READY\n");
  await new Promise(() => undefined); // never commits
}, { timeout: 600_000 });
