import path from "node:path";
import { z } from "zod";

/**
 * The portal's configuration, read from the environment in this one module (besides
 * next.config.ts, scripts/*.mjs and tests). It imports only zod and node built-ins so that
 * src/db and src/server can both use it. Everything else receives typed values.
 *
 * `readSettings(env)` is pure: tests pass their own record. `settings()` reads process.env,
 * cached until a variable it reads changes (tests and the e2e snapshot set process.env at run time).
 * An invalid value fails with an error that names the variable, never a silent default.
 */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigurationError";
  }
}

// --- value parsers: each message reads after the variable's name ("PORT must be ...") ---

/** Unset and empty mean the same: "not configured". */
const text = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** A secret: kept as given (whitespace included), never echoed in an error. */
const secret = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const integer = (min: number, max: number) =>
  text.transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `must be a number between ${min} and ${max} (got '${raw}')` });
      return z.NEVER;
    }
    return n;
  });

const positiveNumber = text.transform((raw, ctx) => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    ctx.addIssue({ code: "custom", message: `must be a number greater than 0 (got '${raw}')` });
    return z.NEVER;
  }
  return n;
});

/** Flags are "1" (on) or "0"/unset (off); anything else is a typo worth stopping for. */
const flag = text.transform((raw, ctx) => {
  if (raw === undefined || raw === "0") return false;
  if (raw === "1") return true;
  ctx.addIssue({ code: "custom", message: `must be 1 or 0 (got '${raw}')` });
  return z.NEVER;
});

const httpUrl = text.transform((raw, ctx) => {
  if (raw === undefined) return undefined;
  if (!/^https?:\/\/[^/\s]+/i.test(raw) || !URL.canParse(raw)) {
    ctx.addIssue({ code: "custom", message: `must be an http(s) URL (got '${raw}')` });
    return z.NEVER;
  }
  return raw.replace(/\/+$/, "");
});

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const logLevel = text.transform((raw, ctx) => {
  if (raw === undefined) return undefined;
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    ctx.addIssue({ code: "custom", message: `must be one of ${LOG_LEVELS.join(", ")} (got '${raw}')` });
    return z.NEVER;
  }
  return raw as (typeof LOG_LEVELS)[number];
});

const dayList = text.transform((raw, ctx) => {
  if (raw === undefined) return undefined;
  const days = raw.split(",").map((s) => s.trim());
  if (days.some((d) => !/^\d+$/.test(d) || Number(d) < 1 || Number(d) > 366)) {
    ctx.addIssue({ code: "custom", message: `must be a comma-separated list of days between 1 and 366 (got '${raw}')` });
    return z.NEVER;
  }
  // Largest first, each once: the reminder sweep walks the windows in this order.
  return [...new Set(days.map(Number))].sort((a, b) => b - a);
});

/** A bearer token for /metrics: kept as given, never echoed; long enough not to be guessed. */
const scrapeToken = secret.refine((v) => v === undefined || (v.length >= 16 && !/\s/.test(v)), { message: "must be at least 16 characters without spaces (a long random string)" });

/** The dual-control kinds (mirrors ApprovalKind in prisma/schema.prisma and src/domain/approval; a unit test compares them). */
export const APPROVAL_KIND_NAMES = ["CA_REVOCATION", "BATCH_REVOCATION", "AGREEMENT_PUBLICATION", "PROFILE_CHANGE", "RA_RETIREMENT", "CESSATION_ON", "CESSATION_OFF", "CALENDAR_IMPORT", "KEY_RECOVERY"] as const;
type ApprovalKindSetting = (typeof APPROVAL_KIND_NAMES)[number];

/** "CA_REVOCATION=3,CALENDAR_IMPORT=2": how many administrators a kind needs, counting the requester. */
const approvalCounts = text.transform((raw, ctx) => {
  if (raw === undefined) return undefined;
  const out: Partial<Record<ApprovalKindSetting, number>> = {};
  for (const part of raw.split(",").map((p) => p.trim())) {
    const m = /^([A-Z_]+)=(\d)$/.exec(part);
    if (!m || !(APPROVAL_KIND_NAMES as readonly string[]).includes(m[1]!) || Number(m[2]) < 1 || Number(m[2]) > 5) {
      ctx.addIssue({ code: "custom", message: `must be KIND=N pairs, N from 1 to 5, KIND one of ${APPROVAL_KIND_NAMES.join(", ")} (got '${part}')` });
      return z.NEVER;
    }
    out[m[1] as ApprovalKindSetting] = Number(m[2]);
  }
  return out;
});

const AGREEMENT_VARIABLES = [
  "AGREEMENT_CA_NAME_ZH",
  "AGREEMENT_CA_NAME_EN",
  "AGREEMENT_CA_SHORT_NAME_ZH",
  "AGREEMENT_CA_SHORT_NAME_EN",
  "AGREEMENT_CPS_NAME_ZH",
  "AGREEMENT_CPS_NAME_EN",
  "AGREEMENT_PRIVACY_POLICY_NAME_ZH",
  "AGREEMENT_PRIVACY_POLICY_NAME_EN",
  "AGREEMENT_ARBITRATION_ZH",
  "AGREEMENT_ARBITRATION_EN",
  "AGREEMENT_WEBSITE",
] as const;
export type AgreementVariableName = (typeof AGREEMENT_VARIABLES)[number];

/** The variables, by their names in the environment (the README's Configuration table). */
const environment = z.object({
  DATABASE_URL: secret,
  DATA_DIR: text,
  AUTH_SECRET: secret,
  SMTP_URL: secret,
  MAIL_FROM: text,
  OUTBOX_INTERVAL_MS: integer(100, 86_400_000),
  PORT: integer(1, 65535),
  HOST: text,
  PORTAL_URL: httpUrl,
  AUTH_URL: httpUrl,
  TRUSTED_PROXY_HOPS: integer(0, 32),
  PORTAL_HOTLINE: text,
  LOG_LEVEL: logLevel,
  CA_KEY_PASSPHRASE: secret,
  CA_PKCS11_MODULE: text,
  CA_PKCS11_TOKEN_LABEL: text,
  CA_PKCS11_SLOT: integer(0, 1_000_000),
  CA_PKCS11_PIN: secret,
  CA_CREATE_HIERARCHY: flag,
  PKI_BASE_URL: httpUrl,
  CPS_URL: text,
  CA_CRL_SHARDS: integer(1, 4096),
  OCSP_CDN_MAX_AGE_SECONDS: integer(0, 86_400),
  PAGE_CACHE_SECONDS: integer(0, 3_600),
  TSA_POLICY_OID: text.refine((v) => v === undefined || /^\d+(\.\d+)+$/.test(v), { message: "must be a dotted OID such as 1.2.3.4" }),
  DOCUMENT_ENCRYPTION_KEY: secret,
  DOCUMENT_ENCRYPTION_KEYS_PREVIOUS: secret,
  DOCUMENT_MAX_BYTES: integer(1, Number.MAX_SAFE_INTEGER),
  // /metrics (src/server/metrics): off unless a scrape token is set.
  METRICS_TOKEN: scrapeToken,
  ...Object.fromEntries(AGREEMENT_VARIABLES.map((name) => [name, text])) as Record<AgreementVariableName, typeof text>,
  // Internal: operations and tests.
  SCHEDULER_DISABLED: flag,
  DEMO_ACCOUNTS: text.refine((v) => v === undefined || v === "0" || v === "1", { message: "must be 1 or 0" }),
  JOB_INTERVAL_SCALE: positiveNumber,
  EXPIRY_REMINDER_DAYS: dayList,
  // What a waiting applicant is told (issue 15): the RA's review time and where to pay a fee.
  REVIEW_WORKING_DAYS: integer(1, 30),
  PAYMENT_ACCOUNT_NAME: text,
  PAYMENT_BANK_NAME: text,
  PAYMENT_ACCOUNT_NUMBER: text,
  // Dual control (src/server/approval): administrators who must agree, counting the requester.
  APPROVALS_REQUIRED: integer(1, 5),
  APPROVALS_REQUIRED_BY_KIND: approvalCounts,
  APPROVAL_TTL_HOURS: integer(1, 720),
  PORTAL_E2E_BUILD: flag,
  NODE_ENV: text,
});

const VARIABLES = Object.keys(environment.shape);

export interface Pkcs11Settings {
  modulePath: string;
  pin: string;
  tokenLabel?: string;
  slotIndex?: number;
}

export interface Settings {
  /** PostgreSQL URL; unset means the embedded PGlite (the "embedded default"). */
  databaseUrl?: string;
  embeddedDefault: boolean;
  /** Absolute folder for the portal's own files (DATA_DIR, default ./.data). */
  dataDir: string;
  authSecret?: string;
  smtpUrl?: string;
  mailFrom: string;
  outboxIntervalMs: number;
  port: number;
  host: string;
  /** Public base URL for mailed links, without a trailing slash. */
  portalUrl: string;
  trustedProxyHops: number;
  hotline: string;
  logLevel: (typeof LOG_LEVELS)[number];
  ca: {
    keyPassphrase?: string;
    pkcs11?: Pkcs11Settings;
    createHierarchy: boolean;
    /** Base of the URLs written into certificates (PKI_BASE_URL, default portalUrl). */
    pkiBaseUrl: string;
    cpsUrl?: string;
    crlShards?: number;
    tsaPolicyOid?: string;
    /**
     * How long a CDN (or any shared cache) may serve an RFC 5019 GET OCSP answer
     * (OCSP_CDN_MAX_AGE_SECONDS, default 300; 0 = not at all): the answer's max-age is the time to
     * its nextUpdate (a day) capped by this. It bounds how long relying parties behind a CDN may
     * still be told "good" after a revocation, whatever the responders themselves already serve;
     * five minutes keeps that short while a CDN still absorbs nearly all of a busy certificate's
     * requests. POST answers are never cacheable.
     */
    ocspCdnMaxAgeSeconds: number;
  };
  documents: { encryptionKey?: string; previousKeys?: string; maxBytes?: number };
  /**
   * How long a rendered page (home, agreement, fees, repository, query, privacy policy, the
   * dashboard, the RA queue) may be answered again to the same session, at most (PAGE_CACHE_SECONDS,
   * default 5; 0 = never): any committed change of the data pages show ends it sooner, on every
   * instance (src/server/page-cache). The bound is for what time alone changes: deadlines, countdowns.
   */
  pageCacheSeconds: number;
  /** /metrics: answered only to `Authorization: Bearer <token>` (METRICS_TOKEN); unset means off (404). */
  metrics: { token?: string };
  /** Overrides of the default agreement's placeholders; unset ones keep the demo CA's text. */
  agreement: Partial<Record<AgreementVariableName, string>>;
  jobs: { schedulerDisabled: boolean; intervalScale: number; expiryReminderDays?: number[] };
  /**
   * What an applicant waiting on the RA is told: the review promise in working days of the
   * statutory calendar (REVIEW_WORKING_DAYS, default 3), and the bank account a fee is transferred
   * to (PAYMENT_ACCOUNT_NAME, PAYMENT_BANK_NAME, PAYMENT_ACCOUNT_NUMBER; defaults: the demo CA's
   * made-up account, marked as such).
   */
  waiting: { reviewWorkingDays: number; payment: PaymentAccount };
  /**
   * Which demo accounts start-up creates (DEMO_ACCOUNTS): "all" roles on the embedded default,
   * "customers" only (subscriber, agent) on PostgreSQL with DEMO_ACCOUNTS=1, and "none" with
   * DEMO_ACCOUNTS=0 or on PostgreSQL by default. Staff demo accounts, whose passwords are printed,
   * never exist on PostgreSQL (see demoAccountScope).
   */
  demoAccounts: DemoAccountScope;
  /**
   * Dual control: per kind, how many CA administrators must agree (the requester counted; default
   * 2), and how long a request waits before it expires (default 72 h). 1 (the requester alone) is
   * refused unless the database is the embedded demo one.
   */
  approvals: { required: Record<ApprovalKindSetting, number>; ttlHours: number };
  /** A browser-test build (test clock, seeding routes). */
  e2eBuild: boolean;
  nodeEnv?: string;
}

export type DemoAccountScope = "all" | "customers" | "none";

/** The account a fee is paid into by bank transfer (对公转账); shown as configured, in both languages. */
export interface PaymentAccount {
  accountName: string;
  bankName: string;
  accountNumber: string;
}

/** The demo CA's account: made up, and saying so, so that nobody transfers money to it. */
export const DEMO_PAYMENT_ACCOUNT: PaymentAccount = {
  accountName: "演示电子认证服务有限公司（演示账户）",
  bankName: "演示银行北京分行营业部",
  accountNumber: "6200 0000 0000 0000 000",
};

/** DEMO_ACCOUNTS: "0" none at all; the embedded default all roles; PostgreSQL none, or customers only with "1". */
export function demoAccountScope(embedded: boolean, flagValue: "0" | "1" | undefined): DemoAccountScope {
  if (flagValue === "0") return "none";
  if (embedded) return "all";
  return flagValue === "1" ? "customers" : "none";
}

/** Validates an environment record; throws ConfigurationError naming every bad variable. */
export function readSettings(env: EnvRecord): Settings {
  const parsed = environment.safeParse(pick(env));
  if (!parsed.success) throw new ConfigurationError(parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`));
  const e = parsed.data;
  const port = e.PORT ?? 3000;
  const portalUrl = e.PORTAL_URL ?? e.AUTH_URL ?? `http://localhost:${port}`;
  return {
    databaseUrl: e.DATABASE_URL,
    embeddedDefault: !e.DATABASE_URL,
    // Run-time location; keep the bundler from tracing the whole project through it.
    dataDir: path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? ".data"),
    authSecret: e.AUTH_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? '"Certificate Portal" <no-reply@portal.localhost>',
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS ?? 3000,
    port,
    host: e.HOST ?? "127.0.0.1",
    portalUrl,
    // 0: the socket's address; X-Forwarded-For counts only behind proxies the operator declares
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    hotline: e.PORTAL_HOTLINE ?? "400-000-0000",
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    ca: {
      keyPassphrase: e.CA_KEY_PASSPHRASE,
      pkcs11: pkcs11Settings(e),
      createHierarchy: e.CA_CREATE_HIERARCHY,
      pkiBaseUrl: e.PKI_BASE_URL ?? portalUrl,
      cpsUrl: e.CPS_URL,
      crlShards: e.CA_CRL_SHARDS,
      tsaPolicyOid: e.TSA_POLICY_OID,
      ocspCdnMaxAgeSeconds: e.OCSP_CDN_MAX_AGE_SECONDS ?? 300,
    },
    documents: { encryptionKey: e.DOCUMENT_ENCRYPTION_KEY, previousKeys: e.DOCUMENT_ENCRYPTION_KEYS_PREVIOUS, maxBytes: e.DOCUMENT_MAX_BYTES },
    pageCacheSeconds: e.PAGE_CACHE_SECONDS ?? 5,
    metrics: { token: e.METRICS_TOKEN },
    agreement: Object.fromEntries(AGREEMENT_VARIABLES.filter((n) => e[n] !== undefined).map((n) => [n, e[n]])),
    jobs: { schedulerDisabled: e.SCHEDULER_DISABLED, intervalScale: e.JOB_INTERVAL_SCALE ?? 1, expiryReminderDays: e.EXPIRY_REMINDER_DAYS },
    waiting: {
      reviewWorkingDays: e.REVIEW_WORKING_DAYS ?? 3,
      payment: {
        accountName: e.PAYMENT_ACCOUNT_NAME ?? DEMO_PAYMENT_ACCOUNT.accountName,
        bankName: e.PAYMENT_BANK_NAME ?? DEMO_PAYMENT_ACCOUNT.bankName,
        accountNumber: e.PAYMENT_ACCOUNT_NUMBER ?? DEMO_PAYMENT_ACCOUNT.accountNumber,
      },
    },
    demoAccounts: demoAccountScope(!e.DATABASE_URL, e.DEMO_ACCOUNTS as "0" | "1" | undefined),
    approvals: approvalSettings(e),
    e2eBuild: e.PORTAL_E2E_BUILD,
    nodeEnv: e.NODE_ENV,
  };
}

function approvalSettings(e: z.infer<typeof environment>): Settings["approvals"] {
  const required = Object.fromEntries(APPROVAL_KIND_NAMES.map((k) => [k, e.APPROVALS_REQUIRED_BY_KIND?.[k] ?? e.APPROVALS_REQUIRED ?? 2])) as Record<ApprovalKindSetting, number>;
  // One administrator alone would be no dual control: only the embedded demo database may run so.
  const alone = APPROVAL_KIND_NAMES.filter((k) => required[k] < 2);
  if (alone.length > 0 && e.DATABASE_URL) throw new ConfigurationError([`APPROVALS_REQUIRED 1 (the requester alone) is allowed only on the embedded demo database (${alone.join(", ")})`]);
  return { required, ttlHours: e.APPROVAL_TTL_HOURS ?? 72 };
}

function pkcs11Settings(e: z.infer<typeof environment>): Pkcs11Settings | undefined {
  if (!e.CA_PKCS11_MODULE) return undefined;
  const problems: string[] = [];
  if (!e.CA_PKCS11_PIN) problems.push("CA_PKCS11_PIN is required with CA_PKCS11_MODULE");
  if (!e.CA_PKCS11_TOKEN_LABEL && e.CA_PKCS11_SLOT === undefined) problems.push("CA_PKCS11_TOKEN_LABEL or CA_PKCS11_SLOT is required with CA_PKCS11_MODULE");
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { modulePath: e.CA_PKCS11_MODULE, pin: e.CA_PKCS11_PIN!, tokenLabel: e.CA_PKCS11_TOKEN_LABEL, slotIndex: e.CA_PKCS11_SLOT };
}

function pick(env: EnvRecord): Record<string, string | undefined> {
  return Object.fromEntries(VARIABLES.map((name) => [name, env[name]]));
}

/** The process environment. PORTAL_E2E_BUILD is named literally: next.config.ts inlines it at build time. */
function processEnv(): EnvRecord {
  return { ...process.env, PORTAL_E2E_BUILD: process.env.PORTAL_E2E_BUILD };
}

let cache: { key: string; settings: Settings } | null = null;

/**
 * A production server's environment is fixed for its life, and reading it is not free: copying
 * process.env and serialising the variables cost a fraction of a millisecond a call, and one page
 * calls settings() a dozen times (issue 16, measured). A production process therefore validates once
 * and keeps the result; tests and scripts, which set variables at run time, re-validate whenever a
 * variable changed. NODE_ENV is inlined by the build: the portal's server is always "production".
 */
const ENVIRONMENT_FIXED = process.env.NODE_ENV === "production";

/** The settings of this process, validated on first use and again whenever a variable changed. */
export function settings(): Settings {
  if (ENVIRONMENT_FIXED && cache) return cache.settings;
  const env = pick(processEnv());
  const key = JSON.stringify(env);
  if (cache?.key !== key) cache = { key, settings: readSettings(env) };
  return cache.settings;
}

/**
 * The log level alone, for the logger that is created at import time: a bad value elsewhere must
 * not stop the logger from existing (the start reports it through the logger).
 */
export function logLevelSetting(env: EnvRecord = processEnv()): Settings["logLevel"] {
  const e = z.object({ LOG_LEVEL: logLevel, NODE_ENV: text }).safeParse({ LOG_LEVEL: env.LOG_LEVEL, NODE_ENV: env.NODE_ENV });
  if (!e.success) throw new ConfigurationError(e.error.issues.map((i) => `${String(i.path[0])} ${i.message}`));
  return e.data.LOG_LEVEL ?? (e.data.NODE_ENV === "test" ? "silent" : "info");
}
