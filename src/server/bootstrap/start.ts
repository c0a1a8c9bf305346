import { wireContext, caConfigFromEnv, ensureCaHierarchy, listenForStatusChanges } from "@/server/ca-service";
import path from "node:path";
import { ensurePrivateDir } from "@/config/private-dir";
import { settings } from "@/config/settings";
import { getDatabase } from "@/db";
import { systemClock, authSecret, logger } from "@/server/core";
import { startOutboxWorker } from "@/server/mail";
import { DEMO_ACCOUNTS_FILE, ensureDemoAccounts, type DemoAccount } from "./demo-accounts";
import { assertE2eBuildOnEmbeddedDatabase } from "./internal/e2e-build-guard";
import { ensureDemoOrganisation } from "./internal/demo-organisation";
import { seedReferenceData } from "./internal/reference-data";
import { defaultJobs, startScheduler } from "@/server/jobs";
import { registerPkiFastPath } from "@/server/pki-server";
import { createPageCache, listenForDataChanges, registerPageCache } from "@/server/page-cache";

const log = logger.child({ area: "bootstrap" });
let started: Promise<void> | null = null;

/**
 * Runs once per server process before it serves requests (from instrumentation.ts): opens the
 * database (which applies pending migrations), checks the session secret, seeds reference data,
 * creates the demo accounts (settings.demoAccounts: DEMO_ACCOUNTS), and starts the mail outbox worker.
 */
export function start(): Promise<void> {
  started ??= run();
  return started;
}

async function run(): Promise<void> {
  // Validated before anything else: a bad variable stops the start with its name in the error.
  const config = settings();
  // Before the database is opened (and migrated): a browser-test build never touches a real one.
  assertE2eBuildOnEmbeddedDatabase(config);
  // DATA_DIR holds the database, secrets and keys: 0700 from the first start, tightened on later ones.
  await ensurePrivateDir(config.dataDir);
  const db = await getDatabase();
  log.info({ database: db.kind }, "database open, migrations applied");
  // Fails the start when a deployment forgot AUTH_SECRET; generates one on the embedded default.
  await authSecret();
  await seedReferenceData(db);
  // The demo CA hierarchy is created on the embedded default; a PostgreSQL deployment asks for
  // it explicitly (CA_CREATE_HIERARCHY=1) so that a production CA is never invented by accident.
  if (config.embeddedDefault || config.ca.createHierarchy) {
    const { created } = await ensureCaHierarchy(db.prisma, caConfigFromEnv());
    if (created) log.info("CA hierarchy created");
  }
  if ((await db.prisma.issuingCa.count()) === 0) {
    log.warn("no CA hierarchy: issuance and status publication are unavailable (set CA_CREATE_HIERARCHY=1 once)");
  }
  // From here /pki/* is answered by the lean path on this port (scripts/pki-fast-path.cjs), not by Next.
  registerPkiFastPath();
  // Periodic work (deemed acceptance, supersession, SLA alerts, expiry reminders, CRL refresh,
  // retention): each job leased in the database, so several instances may all run the scheduler.
  startScheduler({ db: db.prisma, clock: systemClock, jobs: defaultJobs(config), settings: config });
  // On PostgreSQL, a status change made by any instance, the CLI or a job re-signs this process's
  // OCSP responses at once (the per-minute ocsp-refresh job stays as the safety net); nothing on PGlite.
  const statusListener = await listenForStatusChanges(db.prisma);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void statusListener.close());

  const url = config.portalUrl;
  // None with DEMO_ACCOUNTS=0; staff ones (printed passwords) only on the embedded default.
  if (config.demoAccounts !== "none") {
    const dir = config.dataDir;
    const accounts = await ensureDemoAccounts(wireContext({ db: db.prisma, clock: systemClock, actor: null, meta: {} }), dir, config.demoAccounts);
    printDemoAccounts(url, accounts, path.join(dir, DEMO_ACCOUNTS_FILE));
    // The agent's journey needs an organisation: made once, after the accounts, from the demo staff's own steps.
    if (config.demoAccounts === "all") await ensureDemoOrganisation(db.prisma, systemClock).catch((e: unknown) => log.error({ err: e }, "demo organisation not created"));
  }

  // From here the preload (scripts/page-cache.cjs) answers the most-read pages from what was
  // rendered, until the data they show changes (heard from the database on every instance).
  if (config.pageCacheSeconds > 0) {
    const dataListener = listenForDataChanges(db.prisma);
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void dataListener.close());
    registerPageCache(createPageCache({ ttlMs: config.pageCacheSeconds * 1000 }).handle);
  }

  startOutboxWorker({
    db: db.prisma,
    portalUrl: url,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    dropDir: path.join(config.dataDir, "mail-outbox"),
    intervalMs: config.outboxIntervalMs,
  });
}

/**
 * Straight to the console, not the structured log: these passwords are meant for the person
 * starting a local demo, and must never be shipped to a log collector.
 */
function printDemoAccounts(url: string, accounts: DemoAccount[] | null, file: string): void {
  const lines = [
    "",
    "  Certificate Subscriber Portal / 数字证书订户服务平台",
    `  ${url}`,
    "",
  ];
  if (accounts && accounts.length > 0) {
    lines.push("  Demo accounts / 演示账号 (" + file + "):");
    const width = Math.max(...accounts.map((a) => a.email.length));
    // A staff account's TOTP secret stays in the file (0600): printed beside the password, anyone
    // reading this console would hold both factors.
    for (const a of accounts) lines.push(`    ${a.email.padEnd(width)}  ${a.password}  ${a.roles.join(", ")}${a.totpSecret ? "  (TOTP secret: see the file)" : ""}`);
  } else {
    lines.push("  Demo accounts exist, but their password file is missing: " + file);
  }
  lines.push("");
  console.log(lines.join("\n"));
}
