// The portal's CA keys in an HSM, chosen by configuration (CA_PKCS11_*), against SoftHSM2.
// Skipped, with the reason printed, where SoftHSM2 is not installed (CI installs softhsm2).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caConfigFromEnv, type CaServiceConfig } from "@/server/ca-service/ca-config";
import { caOf } from "@/server/ca-service/wire-context";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { openTestDb, type Database } from "../support/test-db";
import { TempDir, makeCsr, opensslVerify } from "../certificate/pki-helpers";

const MODULE = process.env.SOFTHSM2_MODULE ?? "/usr/lib/softhsm/libsofthsm2.so";
const hasSoftHsm = existsSync(MODULE) && spawnSync("softhsm2-util", ["--version"]).status === 0;
if (!hasSoftHsm) console.warn(`[pkcs11-custody] SKIPPED: SoftHSM2 not found (${MODULE}); install the Debian package softhsm2`);

const PIN = "731946";
const NOW = new Date("2026-03-02T02:00:00Z");
let db: Database;
let tmp: TempDir;
let config: CaServiceConfig;

describe.skipIf(!hasSoftHsm)("CA keys in a PKCS#11 token, from configuration", () => {
  beforeAll(async () => {
    tmp = new TempDir();
    const tokens = path.join(tmp.dir, "tokens");
    mkdirSync(tokens);
    process.env.SOFTHSM2_CONF = tmp.file("softhsm2.conf", `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    const init = spawnSync("softhsm2-util", ["--init-token", "--free", "--label", "portal-ca", "--pin", PIN, "--so-pin", "55511122"]);
    expect(init.status, init.stderr?.toString()).toBe(0);
    db = await openTestDb();
    const fromEnv = caConfigFromEnv({ CA_PKCS11_MODULE: MODULE, CA_PKCS11_TOKEN_LABEL: "portal-ca", CA_PKCS11_PIN: PIN });
    config = { ...fromEnv, dataDir: tmp.dir, baseUrl: "http://pki.test.example", embeddedDefault: false, families: ["ec"], crlShards: 1, clock: { now: () => NOW } };
  });
  afterAll(async () => {
    await db?.close();
    tmp?.cleanup();
  });

  it("refuses an incomplete PKCS#11 configuration with a clear message", () => {
    expect(() => caConfigFromEnv({ CA_PKCS11_MODULE: MODULE, CA_PKCS11_TOKEN_LABEL: "x" })).toThrow(/CA_PKCS11_PIN/);
    expect(() => caConfigFromEnv({ CA_PKCS11_MODULE: MODULE, CA_PKCS11_PIN: "1" })).toThrow(/CA_PKCS11_TOKEN_LABEL or CA_PKCS11_SLOT/);
  });

  it("creates the hierarchy in the token (no passphrase, no key files) and issues with it; openssl verifies", async () => {
    expect(config.pkcs11).toMatchObject({ modulePath: MODULE, tokenLabel: "portal-ca" });
    expect(await ensureCaHierarchy(db.prisma, config)).toEqual({ created: true });
    const rows = await db.prisma.issuingCa.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(r.keyRef.startsWith("pkcs11:")).toBe(true);
    expect(existsSync(path.join(tmp.dir, "ca", "keys")) ? readdirSync(path.join(tmp.dir, "ca", "keys")) : []).toEqual([]);

    const ca = await caOf(db.prisma)();
    const issued = await db.prisma.$transaction((tx) =>
      ca.issueFromCsr(tx, {
        profileCode: "individual-signing",
        subject: { country: "CN", fullName: "赵六" },
        subscriberId: "u-hsm",
        usageScope: { kind: "系统", name: "HSM 测试" },
        now: NOW,
        csr: makeCsr(tmp, "hsm").csrPem,
      }),
    );
    expect(opensslVerify(tmp, issued.certificate, issued.chain, NOW)).toContain(": OK");
  });
});
