// The operator CLI run as a child process against the portal's own database (PGlite in a temp
// DATA_DIR, or a fresh PostgreSQL database when TEST_DB=postgres), judged by openssl and by
// what the database and the audit chain hold afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db/open";
import { verifyAuditChain } from "@/server/core/audit";
import { openssl, opensslOk, TempDir } from "../../ca/helpers/openssl";
import { createEmptyPostgresDb, testDbKind } from "../support/test-db";
import { nodeArgs } from "../../setup/node-command";

const kind = testDbKind();
let tmp: TempDir;
let env: NodeJS.ProcessEnv;
let dropPostgres: (() => Promise<void>) | undefined;
const PASSPHRASE = "cli-test-passphrase-7f3a";

function run(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, nodeArgs(script, args), { env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 90_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: r.stdout + r.stderr };
}
const cli = (...args: string[]) => run("scripts/ca-cli.ts", args);

/** Opens the same database in this process, between CLI runs (PGlite: one process at a time). */
async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: path.join(env.DATA_DIR!, "pglite") });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  tmp = new TempDir();
  env = { ...process.env, DATA_DIR: tmp.file("data"), PKI_BASE_URL: "http://pki.cli.test", NODE_NO_WARNINGS: "1" };
  delete env.DATABASE_URL;
  delete env.CA_KEY_PASSPHRASE;
  delete env.CA_CREATE_HIERARCHY;
  if (kind === "postgres") {
    const pg = await createEmptyPostgresDb();
    env.DATABASE_URL = pg.url;
    env.CA_KEY_PASSPHRASE = PASSPHRASE;
    dropPostgres = pg.drop;
  }
});
afterAll(async () => {
  await dropPostgres?.();
  tmp.cleanup();
});

describe(`npm run ca on the portal database (${kind})`, () => {
  it("says how to use it, and that the embedded database needs the portal stopped", () => {
    const help = cli("help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/stop the portal while the CLI/);
    expect(cli("frobnicate").status).toBe(2);
    const missing = cli("issue", "--profile", "encryption");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("missing --csr, --subject, --scope-kind, --scope-name");
  });

  it("init, status, issue from an openssl CSR, revoke, crl: openssl sees the certificate revoked; the audit chain holds", { timeout: 360_000 }, async () => {
    if (kind === "postgres") {
      const refused = cli("init");
      expect(refused.status, refused.out).toBe(1);
      expect(refused.stderr).toContain("--yes");
    }
    const init = cli("init", "--out", tmp.file("ca"), "--yes");
    expect(init.status, init.out).toBe(0);
    expect(init.stdout).toContain("created the CA hierarchy");
    expect(init.stdout).toMatch(/root\s+ROOT\s+CN=.*\n\s+SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    // The printed fingerprint is the root certificate's, as openssl computes it.
    const rootFp = opensslOk(["x509", "-in", tmp.file("ca/root.pem"), "-noout", "-fingerprint", "-sha256"]).split("=")[1]!.trim();
    expect(init.stdout).toContain(rootFp);
    expect(cli("init").stdout).toContain("exists already");

    const before = cli("status");
    expect(before.status, before.out).toBe(0);
    expect(before.stdout).toMatch(/issuing-ec\s+ISSUING\s+EC-P256\s+ACTIVE .* key: file/);
    expect(before.stdout).toContain("certificates: 0");

    const userId = await withDb(async (db) => (await db.prisma.user.create({ data: { email: "holder@example.cn", passwordHash: "x", roles: ["SUBSCRIBER"] } })).id);

    opensslOk(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", tmp.file("k.pem")]);
    opensslOk(["req", "-new", "-key", tmp.file("k.pem"), "-subj", "/CN=ignored", "-out", tmp.file("req.pem")]);
    tmp.file("subject.json", JSON.stringify({ country: "CN", fullName: "测试用户", email: "holder@example.cn" }));
    const issueArgs = ["issue", "--csr", tmp.file("req.pem"), "--profile", "encryption", "--subject", tmp.file("subject.json"), "--scope-kind", "平台", "--scope-name", "测试平台"];

    expect(cli(...issueArgs, "--subscriber-email", "nobody@example.cn").stderr).toContain("no portal user with email nobody@example.cn");
    const issued = cli(...issueArgs, "--subscriber-email", "Holder@example.cn", "--out", tmp.file("leaf.pem"), "--chain-out", tmp.file("chain.pem"));
    expect(issued.status, issued.out).toBe(0);
    const m = /issued ([0-9a-f]+) by (issuing-ec) \(CRL shard (\d)\)/.exec(issued.stdout);
    expect(m, issued.out).not.toBeNull();
    const [, serialHex, issuer, shard] = m!;
    const verified = openssl(["verify", "-CAfile", tmp.file("ca/root.pem"), "-untrusted", tmp.file("chain.pem"), tmp.file("leaf.pem")]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(opensslOk(["x509", "-in", tmp.file("leaf.pem"), "-noout", "-subject"])).toContain("CN = \\E6\\B5\\8B"); // from subject.json, not the CSR

    // The same key for another subscriber (here: none) is refused, as the portal refuses it.
    const dup = cli(...issueArgs);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain("KEY_ALREADY_CERTIFIED");

    // openssl prints the serial in upper case; the CLI takes it as it is.
    const serialFromOpenssl = opensslOk(["x509", "-in", tmp.file("leaf.pem"), "-noout", "-serial"]).split("=")[1]!.trim();
    expect(cli("revoke", "--serial", serialFromOpenssl, "--reason", "certificateHold").status).toBe(2);
    const revoked = cli("revoke", "--serial", serialFromOpenssl, "--reason", "keyCompromise");
    expect(revoked.status, revoked.out).toBe(0);
    expect(revoked.stdout).toContain(`http://pki.cli.test/pki/crl/${issuer}/${shard}.crl`);
    expect(cli("revoke", "--serial", serialHex!, "--reason", "keyCompromise").stdout).toContain("already revoked");

    const crl = cli("crl", "--all", "--out", tmp.file("crl"));
    expect(crl.status, crl.out).toBe(0);
    expect(crl.stdout).toMatch(new RegExp(`${issuer}/${shard}\\s+#2 published .* http://pki\\.cli\\.test/pki/crl/${issuer}/${shard}\\.crl`));
    const crls = [`${issuer}-${shard}.crl`, "root-0.crl"].map((f) => opensslOk(["crl", "-inform", "DER", "-in", tmp.file(`crl/${f}`)])).join("");
    const judged = openssl(["verify", "-crl_check_all", "-CAfile", tmp.file("ca/root.pem"), "-untrusted", tmp.file("chain.pem"), "-CRLfile", tmp.file("crls.pem", crls), tmp.file("leaf.pem")]);
    expect(judged.status).not.toBe(0);
    expect(judged.stdout + judged.stderr).toContain("certificate revoked");
    expect(opensslOk(["crl", "-inform", "DER", "-in", tmp.file(`crl/${issuer}-${shard}.crl`), "-noout", "-text"])).toContain("Key Compromise");

    expect(cli("status").stdout).toMatch(/certificates: 1, REVOKED 1/);

    await withDb(async (db) => {
      const cert = await db.prisma.certificate.findFirstOrThrow({ where: { serialHex: serialHex! }, include: { profile: true, revocation: true } });
      expect(cert).toMatchObject({ applicationId: null, subscriberUserId: userId, status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
      expect(cert.profile.code).toBe("encryption");
      expect(cert.revocation?.revokedById).toBeNull();
      const events = (await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } })).filter((e) => e.actorRoles.includes("OPERATOR_CLI"));
      expect(events.map((e) => e.action)).toEqual([
        "ca.operator-init",
        "certificate.issued-by-operator",
        // A keyCompromise revocation blocks the key (the cascade's consequence, recorded before the revocation's own event).
        "revocation.key-blocked",
        "revocation.revoked-by-operator",
        "revocation.operator-revoke-repeated",
        "crl.published-by-operator",
      ]);
      // The operator's own events name the OS user; the key block, a consequence in the same transaction, is read beside its revocation's.
      expect(events.every((e) => e.actorId === null && (e.action === "revocation.key-blocked" || typeof (e.summary as { operator?: { osUser?: string } }).operator?.osUser === "string"))).toBe(true);
      expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
    });
    const auditVerify = run("scripts/audit-verify.ts", []);
    expect(auditVerify.status, auditVerify.out).toBe(0);
  });

  it("init made the SM2 family; an SM2 CSR is issued by issuing-sm2 and OpenSSL accepts it with distid; add-sm2 asks for --yes and finds it there", { timeout: 180_000 }, async () => {
    const status = cli("status");
    expect(status.stdout).toMatch(/root-sm2\s+ROOT\s+SM2\s+ACTIVE/);
    expect(status.stdout).toMatch(/issuing-sm2\s+ISSUING\s+SM2\s+ACTIVE/);
    opensslOk(["genpkey", "-algorithm", "SM2", "-out", tmp.file("sm2.key")]);
    opensslOk(["req", "-new", "-key", tmp.file("sm2.key"), "-sm3", "-sigopt", "distid:1234567812345678", "-subj", "/CN=ignored", "-out", tmp.file("sm2.csr")]);
    tmp.file("sm2-subject.json", JSON.stringify({ country: "CN", fullName: "国密用户" }));
    const issued = cli("issue", "--csr", tmp.file("sm2.csr"), "--profile", "individual-signing-sm2", "--subject", tmp.file("sm2-subject.json"), "--scope-kind", "平台", "--scope-name", "测试平台", "--out", tmp.file("sm2-leaf.pem"), "--chain-out", tmp.file("sm2-chain.pem"));
    expect(issued.status, issued.out).toBe(0);
    expect(issued.stdout).toMatch(/issued [0-9a-f]+ by issuing-sm2/);
    // OpenSSL 3.0 gives the distid to the target only: each link is judged on its own (tests/ca/helpers/sm2-chain.ts).
    const chain = opensslOk(["crl2pkcs7", "-nocrl", "-certfile", tmp.file("sm2-chain.pem")]);
    expect(opensslOk(["pkcs7", "-print_certs", "-noout"], chain)).toMatch(/Demo Issuing CA SM2 1[\s\S]*Demo Root CA SM2/);
    const link1 = openssl(["verify", "-vfyopt", "distid:1234567812345678", "-partial_chain", "-CAfile", tmp.file("sm2-chain.pem"), tmp.file("sm2-leaf.pem")]);
    expect(link1.stdout, link1.stderr).toContain(": OK");
    expect(openssl(["verify", "-partial_chain", "-CAfile", tmp.file("sm2-chain.pem"), tmp.file("sm2-leaf.pem")]).status).not.toBe(0);
    const refused = cli("add-sm2");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("--yes");
    const again = cli("add-sm2", "--yes");
    expect(again.status, again.out).toBe(0);
    expect(again.stdout).toContain("the SM2 hierarchy exists already");
  });

  it("a wrong key passphrase is a clear error that never shows the passphrase", () => {
    const r = run("scripts/ca-cli.ts", ["crl"], { CA_KEY_PASSPHRASE: "wrong-passphrase-123" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: KEY_FILE_INVALID");
    expect(r.out).not.toContain("wrong-passphrase-123");
  });

  it.runIf(kind === "pglite")("refuses the embedded database while another process has it open", async () => {
    const holder: ChildProcess = spawn(
      process.execPath,
      ["--input-type=module", "-e", `import { PGlite } from "@electric-sql/pglite"; const db = await PGlite.create(process.argv[1]); await db.query("select 1"); console.log("ready"); process.stdin.on("end", async () => { await db.close(); process.exit(0); }); process.stdin.resume();`, path.join(env.DATA_DIR!, "pglite")],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
        holder.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
      });
      const r = cli("status");
      expect(r.status).toBe(3);
      expect(r.stderr).toContain(`in use by process ${holder.pid}`);
      expect(r.stderr).toContain("stop the portal");
    } finally {
      holder.stdin!.end();
      await new Promise((resolve) => holder.once("exit", resolve));
    }
  });
});
