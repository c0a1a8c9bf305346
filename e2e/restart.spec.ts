import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "./support/page-scan";
import { freePort, startPortal, type PortalProcess } from "./support/portal-process";

// `npm start`, kill -9, `npm start` again: the embedded database recovers and nothing committed is lost.
// Uses the production build the harness already made; the portal runs on its own port and data folder.

const root = fileURLToPath(new URL("..", import.meta.url));

async function failSignIn(baseURL: string, email: string): Promise<void> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password: "wrong password 1234", callbackUrl: baseURL }),
  });
  // Auth.js answers a refused sign-in with a redirect to its error or sign-in page, never a session.
  expect(response.status).toBeGreaterThanOrEqual(300);
  expect(response.status).toBeLessThan(400);
  expect(response.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(false);
}

function snapshot(dataDir: string): { users: number; failedSignIns: number; migrations: number } {
  const out = execFileSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "e2e/support/db-snapshot.ts", dataDir], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent" },
  });
  const line = out.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as { users: number; failedSignIns: number; migrations: number };
}

// PostgreSQL's control file says whether the cluster was shut down cleanly: its `state` field (an int32
// after the 8-byte system identifier and two uint32 versions) is 1 (DB_SHUTDOWNED) after a clean close,
// 6 (DB_IN_PRODUCTION) while open or after a crash.
function clusterState(dataDir: string): number {
  const candidates = [path.join(dataDir, "global", "pg_control"), path.join(dataDir, "pglite", "global", "pg_control")];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`no pg_control under ${dataDir}`);
  return readFileSync(file).readInt32LE(16);
}

test("SIGTERM and SIGINT stop the portal with the embedded database closed cleanly", async () => {
  test.setTimeout(300_000);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-stop-"));
    const port = await freePort();
    let portal: PortalProcess | undefined;
    try {
      portal = await startPortal({ dataDir, port });
      await failSignIn(portal.baseURL, `stop-${Date.now()}@example.com`);
      expect(clusterState(dataDir)).toBe(6);
      const started = Date.now();
      await portal.stop(signal);
      portal = undefined;
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(clusterState(dataDir), `${signal}: cluster state in pg_control`).toBe(1);
    } finally {
      await portal?.stop("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
});

test("data survives a kill -9 of the running portal", async () => {
  test.setTimeout(420_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-restart-"));
  const port = await freePort();
  const email = `restart-${Date.now()}@example.com`;
  let portal: PortalProcess | undefined;
  try {
    portal = await startPortal({ dataDir, port });
    // Writes made by the running server: failed sign-ins are recorded for the rate limit.
    await failSignIn(portal.baseURL, email);
    await failSignIn(portal.baseURL, email);
    await portal.stop("SIGKILL");
    // Killed, not closed: the next start has to recover.
    expect(clusterState(dataDir)).toBe(6);

    portal = await startPortal({ dataDir, port });
    const health = await fetch(`${portal.baseURL}/api/health`);
    expect(health.status).toBe(200);
    await failSignIn(portal.baseURL, email);
    await portal.stop("SIGKILL");
    portal = undefined;

    const after = snapshot(dataDir);
    expect(after.failedSignIns).toBe(3);
    expect(after.users).toBeGreaterThan(0); // the demo accounts from the first start
    expect(after.migrations).toBeGreaterThan(0);
  } finally {
    await portal?.stop("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
