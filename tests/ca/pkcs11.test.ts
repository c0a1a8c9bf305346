// PKCS#11 key custody against SoftHSM2. Skipped, with the reason printed, when SoftHSM2 is
// not installed (CI installs the Debian package softhsm2).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pkcs11KeyCustody, type Pkcs11Custody } from "@/ca/keys/pkcs11-key-custody";
import { createDemoHierarchy } from "@/ca/hierarchy/create-demo-hierarchy";
import { loadHierarchy, type Hierarchy } from "@/ca/hierarchy/hierarchy";
import { issueFromCsr } from "@/ca/issuance/issue-certificate";
import { encodeCrl, crlToPem } from "@/ca/crl/encode-crl";
import { fixedClock } from "@/ca/clock";
import { CaError } from "@/ca/errors";
import { BASE_URL, T0, memoryRegistry, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

const MODULE = process.env.SOFTHSM2_MODULE ?? "/usr/lib/softhsm/libsofthsm2.so";
const hasSoftHsm = existsSync(MODULE) && spawnSync("softhsm2-util", ["--version"]).status === 0;
if (!hasSoftHsm) console.warn(`[tests/ca/pkcs11] SKIPPED: SoftHSM2 not found (${MODULE}, softhsm2-util); install the Debian package softhsm2`);

const PIN = "482913";
let tmp: TempDir;
let custody: Pkcs11Custody;
let h: Hierarchy;
let wrongPin: unknown;
const NOW = new Date(T0.getTime() + 3600_000);

describe.skipIf(!hasSoftHsm)("PKCS#11 key custody (SoftHSM2)", () => {
  beforeAll(async () => {
    tmp = new TempDir();
    const tokens = path.join(tmp.dir, "tokens");
    mkdirSync(tokens);
    const conf = tmp.file("softhsm2.conf", `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    process.env.SOFTHSM2_CONF = conf;
    const init = spawnSync("softhsm2-util", ["--init-token", "--free", "--label", "ca-test", "--pin", PIN, "--so-pin", "93847561"], { env: process.env });
    expect(init.status, init.stderr?.toString()).toBe(0);
    // before any session is logged in (login state is per application)
    wrongPin = await pkcs11KeyCustody({ modulePath: MODULE, tokenLabel: "ca-test", pin: "000000" }).catch((e: unknown) => e);
    custody = await pkcs11KeyCustody({ modulePath: MODULE, tokenLabel: "ca-test", pin: PIN });
    h = await createDemoHierarchy({ custody, clock: fixedClock(T0), baseUrl: BASE_URL, families: ["ec"], crlShards: 1 });
  });
  afterAll(() => {
    custody?.close();
    tmp?.cleanup();
  });

  it("keys are generated in the token as sensitive and non-extractable", async () => {
    for (const label of ["root", "issuing-ec", "ocsp-ec", "tsa"]) {
      expect(await custody.keyFlags(label)).toEqual({ extractable: false, sensitive: true });
    }
  });

  it("ok/the token-signed hierarchy and a subscriber certificate verify under openssl", async () => {
    const reg = memoryRegistry();
    const key = tmp.file("k.pem");
    opensslOk(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
    const csr = opensslOk(["req", "-new", "-key", key, "-subj", "/CN=x"]);
    const issued = await issueFromCsr({ hierarchy: h, clock: fixedClock(NOW), serials: reg.serials, keyOwnership: reg.keyOwnership }, { csr, profileId: "individual-signing", subject: { country: "CN", fullName: "周八" }, subscriberId: "s", usageScope: { kind: "系统", name: "x" } });
    expect(opensslOk(["x509", "-noout", "-text"], pem(h.root.entity.certificate))).toContain("3072 bit");
    const crl = await encodeCrl({ issuer: h.issuing.ec!, crlNumber: 1n, thisUpdate: NOW, nextUpdate: new Date(NOW.getTime() + 86_400_000), entries: [{ serialHex: issued.serialHex, revokedAt: NOW, reason: "keyCompromise" }] });
    const r = openssl(["verify", "-crl_check", "-CAfile", tmp.file("root.pem", pem(h.root.entity.certificate)), "-untrusted", tmp.file("ec.pem", pem(h.issuing.ec!.entity.certificate)), "-CRLfile", tmp.file("c.pem", crlToPem(crl)), "-attime", String(NOW.getTime() / 1000 + 60), tmp.file("leaf.pem", pem(issued.certificate))]);
    expect(r.stdout + r.stderr).toContain("certificate revoked"); // the token-signed CRL was accepted and applied
    const ok = openssl(["verify", "-CAfile", tmp.file("root.pem"), "-untrusted", tmp.file("ec.pem"), "-attime", String(NOW.getTime() / 1000 + 60), tmp.file("leaf.pem")]);
    expect(ok.stdout).toContain(": OK");
  });

  it("ok/a second session reopens the keys by label", async () => {
    const again = await pkcs11KeyCustody({ modulePath: MODULE, tokenLabel: "ca-test", pin: PIN });
    try {
      const loaded = await loadHierarchy(h.record, again);
      expect(loaded.issuing.ec!.signer.spki.equals(h.issuing.ec!.signer.spki)).toBe(true);
    } finally {
      again.close();
    }
  });

  it.each([
    ["fail/unknown token", { tokenLabel: "no-such-token", pin: PIN }, "PKCS11_ERROR"],
    ["fail/missing module", { tokenLabel: "ca-test", pin: PIN, modulePath: "/nonexistent/libpkcs11.so" }, "PKCS11_UNAVAILABLE"],
  ])("%s gives a typed error without the PIN", async (_n, cfg, code) => {
    const err = await pkcs11KeyCustody({ modulePath: MODULE, ...cfg }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaError);
    expect((err as CaError).code).toBe(code);
    expect((err as Error).message).not.toContain(cfg.pin);
  });

  it("fail/wrong PIN gives PKCS11_ERROR (CKR_PIN_INCORRECT) without the PIN", () => {
    expect(wrongPin).toBeInstanceOf(CaError);
    expect((wrongPin as CaError).code).toBe("PKCS11_ERROR");
    expect((wrongPin as Error).message).toContain("CKR_PIN_INCORRECT");
    expect((wrongPin as Error).message).not.toContain("000000");
  });

  it("fail/opening a label that is not in the token", async () => {
    await expect(custody.open("absent")).rejects.toMatchObject({ code: "KEY_NOT_FOUND" });
  });
});

