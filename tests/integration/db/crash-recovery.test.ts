// A PGlite process killed without closing must reopen with every committed row and without the
// transaction that was open when it died.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/open";
import { testDbKind } from "../support/test-db";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function runAndKill(dataDir: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/integration/db/crash-writer.ts"), dataDir], {
      cwd: path.resolve("."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`crash writer never became ready: ${stderr}`));
    }, 90_000);
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("READY")) child.kill("SIGKILL");
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") resolve(signal);
      else reject(new Error(`crash writer exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe.skipIf(testDbKind() !== "pglite")("PGlite crash recovery", () => {
  it("reopens after SIGKILL with committed data and without the open transaction", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "db-crash-"));
    dirs.push(dataDir);
    expect(await runAndKill(dataDir)).toBe("SIGKILL");

    const db = await openDatabase({ dataDir, onWarning: () => undefined });
    try {
      const keys = (await db.prisma.appSetting.findMany({ select: { key: true } })).map((r) => r.key);
      expect(keys.filter((k) => k.startsWith("committed-")).length).toBe(25);
      expect(keys).not.toContain("uncommitted");
      // Still writable after recovery.
      await db.prisma.appSetting.create({ data: { key: "after-recovery", value: 1 } });
    } finally {
      await db.close();
    }
  });
});
