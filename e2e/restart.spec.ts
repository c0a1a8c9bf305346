import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
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
