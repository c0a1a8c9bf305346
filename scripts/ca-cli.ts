// Operator CLI for the portal's CA: works on the portal's own database and CA keys (opened
// exactly as the portal opens them), so what it does is what the portal's OCSP responder, CRLs
// and certificate pages show, and every change it makes is in the audit chain.
// Run `npm run ca -- help` for the commands.
import { X509Certificate } from "node:crypto";
import { readdirSync, readlinkSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isCaError } from "@/ca/errors";
import type { UsageScopeKind, VerifiedSubject } from "@/ca/issuance/profiles";
import { closeDatabase, getDatabase, type Database } from "@/db";
import { checkRevocationReason, REVOCATION_REASON_CODES, type RevocationReasonName } from "@/domain/revocation";
import { settings } from "@/config/settings";
import { caConfigFromEnv } from "@/server/ca-service/ca-config";
import { PKCS11_PREFIX } from "@/server/ca-service/ca-records";
import { wireContext } from "@/server/ca-service/wire-context";
import { CRL_REFRESH_MS, publishCrlShard } from "@/server/ca-service/crl-publisher";
import { addSm2Hierarchy, CA_SETTING_KEY, ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { ensureCertificateProfiles } from "@/server/application/ensure-certificate-profiles";
import { insertCertificateRow } from "@/server/certificate/store-issued-certificate";
import { appendAuditEvent } from "@/server/core/audit";
import { enqueueNotification } from "@/server/core/outbox";
import type { AuditInput, AuditSubjectType, AuditSummary, OperatorSummary } from "@/server/core/audit-events";
import { systemClock, type Tx } from "@/server/core/context";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { publishCertificateStatus } from "@/server/ca-service/publish-status";
import { revokeCertificate } from "@/server/revocation/revoke-certificate";

const HELP = `Operator CLI for the portal's CA (npm run ca -- <command> [options])

Works on the portal's own database and CA keys, opened as the portal opens them:
  DATABASE_URL set      -> that PostgreSQL database (CA_KEY_PASSPHRASE required)
  DATABASE_URL unset    -> the embedded database in DATA_DIR (default ./.data); the CA key
                           passphrase is CA_KEY_PASSPHRASE or the one generated in DATA_DIR/ca.
  PKI_BASE_URL / PORTAL_URL: the base URL written into a new hierarchy's certificates.

  The embedded database (PGlite) allows ONE process at a time: stop the portal while the CLI
  uses it, and do not start the portal until the CLI has finished. (PostgreSQL: no such limit.)

Commands:
  init    [--base-url URL] [--out DIR] [--yes]
          Creates the CA hierarchy if there is none (RSA root, RSA and EC issuing CAs, OCSP, TSA, and
          the SM2 family: root-sm2, issuing-sm2, ocsp-sm2, tsa-sm2; no SM2 with PKCS#11 keys) and the
          certificate profiles; prints the CA certificates' subjects and SHA-256 fingerprints.
          --out writes them as DIR/<name>.pem. On PostgreSQL it needs --yes (or CA_CREATE_HIERARCHY=1).
  add-sm2 [--out DIR] [--yes]
          Adds the SM2 family (its own root, so no existing CA changes) to a hierarchy made before
          it existed, and the SM2 profiles. New CA keys: needs --yes. Restart running instances so
          they load the new CAs. (The embedded demo adds it by itself on start.)
  status  Issuing CAs (algorithm, validity, key custody), CRL shards (number, thisUpdate,
          nextUpdate) and the number of certificates by status.
  issue   --csr FILE --profile CODE --subject subject.json --scope-kind 项目|系统|平台 --scope-name NAME
          [--subscriber-email EMAIL] [--out cert.pem] [--chain-out chain.pem]
          Out-of-band issuance from a PKCS#10 CSR (PEM or DER). subject.json holds the verified
          subject ({"country":"CN","fullName":"...", ...}); the CSR's subject is ignored. The
          certificate is stored without an application; a key already certified for another
          subscriber is refused. Without --out the certificate PEM goes to stdout.
  revoke  --serial HEX --reason REASON [--invalidity-date ISO] [--issuer NAME]
          Revokes and publishes at once (OCSP re-signed, CRL shard re-issued; on PostgreSQL the
          change is announced and running instances re-sign their OCSP answers at once). REASON: one of
          ${reasonList()} (camelCase like keyCompromise also accepted).
  crl     [--all] [--out DIR]
          Publishes the CRL shards that are missing or older than an hour (--all: every shard),
          prints their numbers and the URLs they are served at; --out writes DIR/<name>-<shard>.crl (DER).

Exit codes: 0 done, 1 refused or failed, 2 usage error, 3 database cannot be opened or is in use.
Key material and the passphrase are never printed.`;

function reasonList(): string {
  return (Object.keys(REVOCATION_REASON_CODES) as RevocationReasonName[]).filter((r) => checkRevocationReason("CA", r).ok).join(", ");
}

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const { positionals, values: opt } = parseArgs({
  allowPositionals: true,
  options: {
    "base-url": { type: "string" },
    yes: { type: "boolean", default: false },
    out: { type: "string" },
    "chain-out": { type: "string" },
    csr: { type: "string" },
    profile: { type: "string" },
    subject: { type: "string" },
    "subscriber-email": { type: "string" },
    "scope-kind": { type: "string" },
    "scope-name": { type: "string" },
    serial: { type: "string" },
    issuer: { type: "string" },
    reason: { type: "string" },
    "invalidity-date": { type: "string" },
    all: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

/** Who ran the command, for the audit trail: the OS account, since the CLI has no portal login. */
function operator(): { osUser: string; host: string } {
  let osUser: string;
  try {
    osUser = os.userInfo().username;
  } catch {
    osUser = process.env.USER ?? `uid:${process.getuid?.() ?? "?"}`;
  }
  return { osUser, host: os.hostname() };
}

type OperatorAction = "ca.operator-init" | "certificate.issued-by-operator" | "revocation.revoked-by-operator" | "revocation.operator-revoke-repeated" | "crl.published-by-operator";

/** Every operator event names the operator and the tool; the caller gives the rest of its typed summary. */
async function audit<A extends OperatorAction>(
  tx: Tx,
  at: Date,
  action: A,
  subjectType: AuditSubjectType<A>,
  subjectId: string | null,
  summary: Omit<AuditSummary<A>, keyof OperatorSummary>,
): Promise<void> {
  const event = { action, subjectType, subjectId, summary: { operator: operator(), via: "npm run ca", ...summary } };
  // TypeScript cannot narrow the union through the generic A; the parameters above are checked per action.
  await appendAuditEvent(tx, { at, actorId: null, actorRoles: ["OPERATOR_CLI"], ...(event as object as AuditInput) });
}

const pglitePath = () => path.join(settings().dataDir, "pglite");

/** The CLI acts as no portal user; its audit rows carry the OPERATOR_CLI role and the OS user. */
const cliContext = (db: Database) => wireContext({ db: db.prisma, clock: systemClock, actor: null, meta: {} });

/**
 * PGlite takes no lock on its folder: a second process opening it would corrupt it silently.
 * On Linux, a process that has the database open holds file descriptors inside the folder,
 * so look for one before opening.
 */
function processesUsing(dir: string): number[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target === dir || target.startsWith(dir + path.sep)) {
          found.push(Number(pid));
          break;
        }
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  return found;
}

async function openDb(): Promise<Database> {
  const embedded = settings().embeddedDefault;
  if (embedded) {
    const dir = pglitePath();
    const users = processesUsing(dir);
    if (users.length > 0) {
      throw new CliError(`the embedded database ${dir} is in use by process ${users.join(", ")} (the portal?). PGlite allows one process at a time: stop the portal, then run the CLI again.`, 3);
    }
  }
  try {
    return await getDatabase();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CliError(
      embedded
        ? `could not open the embedded database ${pglitePath()}: ${why}. If the portal or another CLI is using it, stop it first (PGlite allows one process at a time).`
        : `could not open the PostgreSQL database named by DATABASE_URL: ${why}`,
      3,
    );
  }
}

function required(...names: (keyof typeof opt)[]): void {
  const missing = names.filter((n) => opt[n] === undefined || opt[n] === "");
  if (missing.length) throw new CliError(`missing ${missing.map((m) => `--${m}`).join(", ")} (see npm run ca -- help)`, 2);
}

const pem = (der: Uint8Array) => new X509Certificate(der).toString();
const custodyKind = (keyRef: string) => (keyRef.startsWith(PKCS11_PREFIX) ? "pkcs11" : "file");
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : "-");

async function baseUrlOf(db: Database): Promise<string> {
  const setting = await db.prisma.appSetting.findUnique({ where: { key: CA_SETTING_KEY } });
  return (setting?.value as { baseUrl?: string } | null)?.baseUrl ?? caConfigFromEnv().baseUrl;
}

const commands: Record<string, (db: Database) => Promise<void>> = {
  async init(db) {
    const config = caConfigFromEnv();
    if (opt["base-url"]) config.baseUrl = opt["base-url"].replace(/\/+$/, "");
    const existing = await db.prisma.issuingCa.count();
    if (existing === 0 && db.kind === "postgres" && !opt.yes && !settings().ca.createHierarchy) {
      throw new CliError("no CA hierarchy in this PostgreSQL database; creating one makes new CA keys: confirm with --yes (or CA_CREATE_HIERARCHY=1)");
    }
    const { created, addedSm2 } = await ensureCaHierarchy(db.prisma, config);
    const now = systemClock.now();
    const baseUrl = await baseUrlOf(db);
    const profiles = await ensureCertificateProfiles(db.prisma, now, baseUrl);
    const rows = await db.prisma.issuingCa.findMany({ orderBy: { createdAt: "asc" } });
    if (created) {
      await db.prisma.$transaction((tx) =>
        audit(tx, now, "ca.operator-init", "IssuingCa", rows.find((r) => r.role === "ROOT")?.id ?? null, { created, baseUrl, entities: rows.map((r) => r.name) }),
      );
    }
    // The embedded database is the demo: ensureCaHierarchy adds a missing SM2 family there (a deployment runs add-sm2).
    console.log(created ? `created the CA hierarchy (${baseUrl})` : addedSm2?.length ? `a CA hierarchy exists already (${baseUrl}); added the SM2 hierarchy: ${addedSm2.join(", ")}` : `a CA hierarchy exists already (${baseUrl}); nothing created`);
    if (profiles.length) console.log(`certificate profiles: ${profiles.join(", ")}`);
    if (opt.out) await mkdir(opt.out, { recursive: true });
    for (const r of rows) {
      const cert = new X509Certificate(r.certificateDer);
      console.log(`${r.name.padEnd(14)} ${r.role.padEnd(8)} ${r.subjectDn}\n${"".padEnd(24)}SHA-256 ${cert.fingerprint256}`);
      if (opt.out) await writeFile(path.join(opt.out, `${r.name}.pem`), pem(r.certificateDer));
    }
    if (opt.out) console.log(`CA certificates written to ${path.resolve(opt.out)}`);
  },

  async "add-sm2"(db) {
    if (!opt.yes) throw new CliError("add-sm2 makes four new CA keys (root-sm2, issuing-sm2, ocsp-sm2, tsa-sm2): confirm with --yes");
    const config = caConfigFromEnv();
    if ((await db.prisma.issuingCa.count()) === 0) throw new CliError("no CA hierarchy in this database: npm run ca -- init creates one with the SM2 family");
    const { added } = await addSm2Hierarchy(db.prisma, config).catch((e: unknown) => {
      throw new CliError(e instanceof Error ? e.message : String(e));
    });
    const now = systemClock.now();
    const baseUrl = await baseUrlOf(db);
    const profiles = await ensureCertificateProfiles(db.prisma, now, baseUrl);
    const rows = await db.prisma.issuingCa.findMany({ where: { name: { in: ["root-sm2", "issuing-sm2", "ocsp-sm2", "tsa-sm2"] } }, orderBy: { createdAt: "asc" } });
    if (added.length) {
      await db.prisma.$transaction((tx) =>
        audit(tx, now, "ca.operator-init", "IssuingCa", rows.find((r) => r.name === "root-sm2")?.id ?? null, { created: true, baseUrl, entities: added }),
      );
    }
    console.log(added.length ? `added the SM2 hierarchy: ${added.join(", ")} (restart running instances)` : "the SM2 hierarchy exists already; nothing created");
    if (profiles.length) console.log(`certificate profiles: ${profiles.join(", ")}`);
    if (opt.out) await mkdir(opt.out, { recursive: true });
    for (const r of rows) {
      console.log(`${r.name.padEnd(14)} ${r.role.padEnd(8)} ${r.subjectDn}\n${"".padEnd(24)}SHA-256 ${new X509Certificate(r.certificateDer).fingerprint256}`);
      if (opt.out) await writeFile(path.join(opt.out, `${r.name}.pem`), pem(r.certificateDer));
    }
  },

  async status(db) {
    const rows = await db.prisma.issuingCa.findMany({ orderBy: { createdAt: "asc" }, include: { crlShards: { orderBy: { shard: "asc" } } } });
    if (rows.length === 0) {
      console.log("no CA hierarchy in this database (npm run ca -- init)");
      return;
    }
    console.log(`CA hierarchy (${await baseUrlOf(db)}), database: ${db.kind}`);
    for (const r of rows) {
      console.log(`${r.name.padEnd(14)} ${r.role.padEnd(8)} ${r.algorithm.padEnd(9)} ${r.status.padEnd(11)} ${iso(r.notBefore)} .. ${iso(r.notAfter)}  key: ${custodyKind(r.keyRef)}`);
      for (const s of r.crlShards) console.log(`${"".padEnd(16)}CRL shard ${s.shard}: #${s.crlNumber}  thisUpdate ${iso(s.thisUpdate)}  nextUpdate ${iso(s.nextUpdate)}`);
      if ((r.role === "ROOT" || r.role === "ISSUING") && r.crlShards.length < r.crlShardCount) {
        console.log(`${"".padEnd(16)}${r.crlShardCount - r.crlShards.length} CRL shard(s) never published`);
      }
    }
    const counts = await db.prisma.certificate.groupBy({ by: ["status"], _count: { _all: true } });
    const total = counts.reduce((n, c) => n + c._count._all, 0);
    console.log(`certificates: ${total}${counts.map((c) => `, ${c.status} ${c._count._all}`).join("")}`);
  },

  async issue(db) {
    const { kind } = issueArgs();
    const subject = await readJson(opt.subject!);
    const csrBytes = await readInput(opt.csr!, "--csr");
    const csr = csrBytes.subarray(0, 11).toString("latin1") === "-----BEGIN " ? csrBytes.toString("latin1") : new Uint8Array(csrBytes);
    const profile = await db.prisma.certificateProfile.findUnique({ where: { code: opt.profile! } });
    if (!profile) {
      const known = await db.prisma.certificateProfile.findMany({ select: { code: true }, orderBy: { code: "asc" } });
      throw new CliError(`no certificate profile ${JSON.stringify(opt.profile)} (known: ${known.map((p) => p.code).join(", ") || "none: run init"})`);
    }
    if (!profile.active) throw new CliError(`profile ${profile.code} is not active`);
    let subscriber: { id: string; email: string } | null = null;
    if (opt["subscriber-email"]) {
      subscriber = await db.prisma.user.findUnique({ where: { email: opt["subscriber-email"].trim().toLowerCase() }, select: { id: true, email: true } });
      if (!subscriber) throw new CliError(`no portal user with email ${opt["subscriber-email"]}`);
    }
    // Opened before the transaction: on the single-connection PGlite a query outside it would wait forever.
    const ca = await cliContext(db).ca();
    const now = systemClock.now();
    const result = await db.prisma.$transaction(
      async (tx) => {
        const issued = await ca.issueFromCsr(tx, {
          profileCode: profile.code,
          subject,
          // Without a subscriber nobody can show the key is theirs: any earlier certificate of it refuses it.
          subscriberId: subscriber?.id ?? "operator-cli:no-subscriber",
          usageScope: { kind, name: opt["scope-name"]! },
          now,
          csr,
        });
        const row = await insertCertificateRow(tx, {
          issued,
          applicationId: null,
          subscriberUserId: subscriber?.id ?? null,
          subscriberOrganisationId: null,
          profileId: profile.id,
          keyGeneration: "CLIENT_CSR",
          publishConsent: false,
        });
        await audit(tx, now, "certificate.issued-by-operator", "Certificate", row.id, {
          issuer: issued.issuerId,
          serialHex: issued.serialHex,
          profile: profile.code,
          subscriberUserId: subscriber?.id ?? null,
          keyGeneration: "CLIENT_CSR",
          notBefore: issued.notBefore.toISOString(),
          notAfter: issued.notAfter.toISOString(),
          spkiSha256: issued.spkiSha256,
          usageScope: { kind, name: opt["scope-name"] },
        });
        return { issued, certificateId: row.id };
      },
      { timeout: 120_000, maxWait: 120_000 },
    );
    const { issued } = result;
    if (opt.out) await writeFile(opt.out, pem(issued.certificate));
    else process.stdout.write(pem(issued.certificate));
    if (opt["chain-out"]) await writeFile(opt["chain-out"], issued.chain.map(pem).join(""));
    const lines = [
      `issued ${issued.serialHex} by ${issued.issuerId} (CRL shard ${issued.crlShard}), profile ${profile.code}, valid ${iso(issued.notBefore)} .. ${iso(issued.notAfter)}`,
      `certificate id ${result.certificateId}${subscriber ? `, subscriber ${subscriber.email}` : ", no portal subscriber"}`,
    ];
    if (opt.out) lines.push(`certificate -> ${path.resolve(opt.out)}`);
    if (opt["chain-out"]) lines.push(`chain (issuing CA .. root) -> ${path.resolve(opt["chain-out"])}`);
    // With the PEM on stdout, the report goes to stderr so `> cert.pem` stays clean.
    (opt.out ? console.log : console.error)(lines.join("\n"));
  },

  async revoke(db) {
    const { reason, invalidityDate, serial } = revokeArgs();
    const stripped = serial.replace(/^0+/, "");
    const forms = [...new Set([serial, stripped, `0${stripped}`, `00${stripped}`])];
    const issuerId = opt.issuer ? (await db.prisma.issuingCa.findUnique({ where: { name: opt.issuer }, select: { id: true } }))?.id : undefined;
    if (opt.issuer && !issuerId) throw new CliError(`no CA named ${opt.issuer}`);
    const matches = await db.prisma.certificate.findMany({
      where: { serialHex: { in: forms }, ...(issuerId ? { issuerId } : {}) },
      select: { id: true, serialHex: true, issuer: { select: { name: true } } },
    });
    if (matches.length === 0) throw new CliError(`no certificate with serial ${opt.serial}${opt.issuer ? ` from ${opt.issuer}` : ""}`);
    if (matches.length > 1) throw new CliError(`serial ${opt.serial} exists at several CAs (${matches.map((m) => m.issuer.name).join(", ")}): add --issuer NAME`);
    const cert = matches[0]!;
    const ca = await cliContext(db).ca();
    const now = systemClock.now();
    const result = await db.prisma.$transaction(async (tx) => {
      const r = await revokeCertificate(tx, {
        certificateId: cert.id,
        reason,
        at: now,
        invalidityDate,
        revokedById: null,
        // keyCompromise: the other certificates on the key are revoked and the key blocked with it, each with its own event.
        keyCompromise: {
          source: "OPERATOR_CLI",
          evidence: {
            auditConsequence: (e) => appendAuditEvent(tx, { at: now, actorId: null, actorRoles: ["OPERATOR_CLI"], ...e }).then(() => undefined),
            notify: (n) => enqueueNotification(tx, n, now),
          },
        },
      });
      await audit(tx, now, r.alreadyRevoked ? "revocation.operator-revoke-repeated" : "revocation.revoked-by-operator", "Certificate", cert.id, {
        serialHex: cert.serialHex,
        issuer: cert.issuer.name,
        reason,
        revocationId: r.revocation.id,
        invalidityDate: invalidityDate?.toISOString() ?? null,
        settledRequestIds: r.settledRequestIds,
      });
      return r;
    });
    if (result.alreadyRevoked) {
      console.log(`${cert.serialHex} was already revoked at ${iso(result.revocation.revokedAt)} (${result.revocation.reasonCode}); nothing changed`);
      return;
    }
    console.log(`revoked ${cert.serialHex} (${reason}) at ${iso(now)}`);
    for (const id of result.cascade.certificateIds) {
      console.log(`also revoked certificate ${id} (same public key, keyCompromise)`);
      await publishCertificateStatus(cliContext(db), id);
    }
    const published = await publishCertificateStatus(cliContext(db), cert.id);
    const shard = (await db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id }, select: { crlShard: true } })).crlShard;
    if (!published) {
      throw new CliError(`the revocation is recorded, but publishing OCSP/CRL failed; the portal's CRL refresh will pick it up, or run: npm run ca -- crl --all`);
    }
    console.log(`published: OCSP ${ca.hierarchy.urls.ocsp}, CRL ${ca.hierarchy.urls.crl(cert.issuer.name, shard)}`);
    if (db.kind === "postgres") {
      // Each portal instance keeps pre-signed OCSP responses in its process memory; the revocation was
      // announced at commit (NOTIFY certificate_status) and their listeners re-sign them at once; the
      // per-minute OCSP refresh is the safety net for an instance that was not listening.
      console.log("note: running instances were told at commit and re-sign their OCSP answer for this certificate at once (a disconnected one at its next OCSP refresh, within about a minute)");
    }
  },

  async crl(db) {
    const ca = await cliContext(db).ca();
    const now = systemClock.now();
    if (opt.out) await mkdir(opt.out, { recursive: true });
    const published: string[] = [];
    for (const [id, e] of ca.hierarchy.byId) {
      if (e.entity.role !== "issuing" && e.entity.role !== "root") continue;
      for (let shard = 0; shard < Math.max(1, e.entity.crlShards); shard++) {
        const url = ca.hierarchy.urls.crl(id, shard);
        const row = await db.prisma.crlShard.findUnique({ where: { issuingCaId_shard: { issuingCaId: ca.rowIdOf(id), shard } } });
        const fresh = row?.der && row.thisUpdate && now.getTime() - row.thisUpdate.getTime() < CRL_REFRESH_MS;
        let crl: { der: Buffer; crlNumber: number; thisUpdate: Date; nextUpdate: Date };
        if (fresh && !opt.all) {
          crl = { der: Buffer.from(row.der!), crlNumber: row.crlNumber, thisUpdate: row.thisUpdate!, nextUpdate: row.nextUpdate! };
        } else {
          crl = await publishCrlShard(db.prisma, ca, id, shard, now);
          published.push(`${id}/${shard}#${crl.crlNumber}`);
        }
        console.log(`${`${id}/${shard}`.padEnd(16)} #${crl.crlNumber} ${fresh && !opt.all ? "current  " : "published"} thisUpdate ${iso(crl.thisUpdate)} nextUpdate ${iso(crl.nextUpdate)}  ${url}`);
        if (opt.out) await writeFile(path.join(opt.out, `${id}-${shard}.crl`), crl.der);
      }
    }
    if (published.length) {
      await db.prisma.$transaction((tx) => audit(tx, now, "crl.published-by-operator", "CrlShard", null, { shards: published, all: opt.all }));
    }
    if (opt.out) console.log(`CRLs (DER) written to ${path.resolve(opt.out)}`);
  },
};

/** The issue command's arguments, checked before the database is opened. */
function issueArgs(): { kind: UsageScopeKind } {
  required("csr", "profile", "subject", "scope-kind", "scope-name");
  const kind = opt["scope-kind"] as UsageScopeKind;
  if (!["项目", "系统", "平台"].includes(kind)) throw new CliError("--scope-kind must be 项目, 系统 or 平台", 2);
  return { kind };
}

/** The revoke command's arguments, checked before the database is opened. */
function revokeArgs(): { reason: RevocationReasonName; invalidityDate: Date | null; serial: string } {
  required("serial", "reason");
  const reason = parseReason(opt.reason!);
  if (!checkRevocationReason("CA", reason).ok) throw new CliError(`reason ${reason} cannot be used here; one of ${reasonList()}`, 2);
  let invalidityDate: Date | null = null;
  if (opt["invalidity-date"]) {
    invalidityDate = new Date(opt["invalidity-date"]);
    if (Number.isNaN(invalidityDate.getTime())) throw new CliError("--invalidity-date must be an ISO 8601 date-time", 2);
  }
  const serial = opt.serial!.toLowerCase().replace(/[\s:]/g, "");
  if (!/^[0-9a-f]+$/.test(serial)) throw new CliError("--serial must be hexadecimal", 2);
  return { reason, invalidityDate, serial };
}

function parseReason(raw: string): RevocationReasonName {
  // keyCompromise / KEY_COMPROMISE / key-compromise all name the same RFC 5280 reason.
  const name = raw
    .trim()
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .replace(/[-\s]/g, "_")
    .toUpperCase()
    .replace(/^C_A_/, "CA_")
    .replace(/^A_A_/, "AA_");
  if (!(name in REVOCATION_REASON_CODES)) throw new CliError(`unknown reason ${JSON.stringify(raw)}; one of ${reasonList()}`, 2);
  return name as RevocationReasonName;
}

async function readInput(file: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new CliError(`${flag}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`, 2);
  }
}

async function readJson(file: string): Promise<VerifiedSubject> {
  const text = (await readInput(file, "--subject")).toString("utf8");
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new CliError(`--subject: ${file} is not JSON`, 2);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new CliError(`--subject: ${file} must hold an object such as {"country":"CN","fullName":"..."}`, 2);
  const o = v as Record<string, unknown>;
  for (const [k, x] of Object.entries(o)) if (typeof x !== "string") throw new CliError(`--subject: field ${k} must be a string`, 2);
  if (!o.country) throw new CliError(`--subject: "country" is required`, 2);
  return o as unknown as VerifiedSubject;
}

function describe(e: unknown): string {
  if (e instanceof CliError) return e.message;
  if (isDomainError(e)) return `${e.code}: ${errorMessage(e.code, "en", e.details)}`;
  if (isCaError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

async function main(): Promise<number> {
  const name = positionals[0];
  if (!name || name === "help" || opt.help) {
    console.log(HELP);
    return name || opt.help ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command ${JSON.stringify(name)}; commands: ${Object.keys(commands).join(", ")} (npm run ca -- help)`);
    return 2;
  }
  // Usage errors are reported before the (slow, exclusive) database open.
  if (name === "issue") issueArgs();
  if (name === "revoke") revokeArgs();
  const db = await openDb();
  try {
    await command(db);
    return 0;
  } finally {
    await closeDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`error: ${describe(e)}`);
    process.exit(e instanceof CliError ? e.exitCode : 1);
  },
);
