// One browser-test run's scratch space and settings, shared by the runner and its workers through the
// environment: the config creates them once in the runner process, workers inherit the variables.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type E2eRun = {
  runDir: string;
  dataDir: string;
  mailDir: string;
  smtpPort: number;
  portalPort: number;
  baseURL: string;
  authSecret: string;
};

function freePort(): number {
  // Synchronous on purpose: the config is synchronous and the web servers start before globalSetup.
  const script = 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})';
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
}

export function e2eRun(): E2eRun {
  const env = process.env;
  if (!env.E2E_RUN_DIR) {
    const runDir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
    env.E2E_RUN_DIR = runDir;
    env.E2E_SMTP_PORT = String(freePort());
    env.E2E_PORT ??= "3100";
    env.E2E_AUTH_SECRET = randomBytes(32).toString("base64url");
    mkdirSync(path.join(runDir, "data"));
    mkdirSync(path.join(runDir, "mail"));
    // The web servers stop after globalTeardown, so the folder goes when the runner itself exits.
    if (!env.E2E_KEEP_DATA) process.on("exit", () => rmSync(runDir, { recursive: true, force: true }));
  }
  const runDir = env.E2E_RUN_DIR;
  const portalPort = Number(env.E2E_PORT ?? "3100");
  return {
    runDir,
    dataDir: path.join(runDir, "data"),
    mailDir: path.join(runDir, "mail"),
    smtpPort: Number(env.E2E_SMTP_PORT),
    portalPort,
    baseURL: `http://localhost:${portalPort}`,
    authSecret: env.E2E_AUTH_SECRET ?? "",
  };
}
