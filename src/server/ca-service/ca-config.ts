import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { KeyCustody, KeyType } from "@/ca/keys/key-signer";
import { pkcs11KeyCustody, type Pkcs11Config } from "@/ca/keys/pkcs11-key-custody";
import { POLICY_ARC } from "@/ca/issuance/profiles";
import { readSettings, settings, type EnvRecord } from "@/config/settings";
import type { Clock } from "@/server/core";

/** What the CA service needs from the deployment; read from the environment only in caConfigFromEnv. */
export interface CaServiceConfig {
  /** Keys live in `<dataDir>/ca/keys` as encrypted PKCS#8 files. */
  dataDir: string;
  /** Written into certificates (AIA, CRL DP, CPS); stored with the hierarchy on first start. */
  baseUrl: string;
  /** CA_KEY_PASSPHRASE; when absent on the embedded default one is generated into the data folder. */
  passphrase?: string;
  embeddedDefault: boolean;
  /**
   * Key families that get an issuing CA (default rsa, ec and sm2; sm2 brings its own root, OCSP
   * signer and TSA; without sm2 when the keys are in PKCS#11, which has no SM2). Tests use ["ec"]
   * to keep key generation quick.
   */
  families?: KeyType[];
  crlShards?: number;
  organization?: string;
  tsaPolicyOid?: string;
  /** Cap of the CDN cache lifetime of RFC 5019 GET OCSP answers (settings().ca.ocspCdnMaxAgeSeconds); unset: nextUpdate only. */
  ocspCdnMaxAgeSeconds?: number;
  /** Another custody (PKCS#11); default: encrypted files under dataDir. */
  custody?: KeyCustody;
  /** Keys in an HSM through PKCS#11 (CA_PKCS11_MODULE, CA_PKCS11_TOKEN_LABEL or CA_PKCS11_SLOT, CA_PKCS11_PIN). */
  pkcs11?: Pkcs11Config;
  clock?: Clock;
}

export const DEFAULT_TSA_POLICY_OID = `${POLICY_ARC}.2.1`;

/** The CA's part of the settings (src/config); tests pass their own environment record. */
export function caConfigFromEnv(env?: EnvRecord): CaServiceConfig {
  const s = env ? readSettings(env) : settings();
  return {
    dataDir: s.dataDir,
    baseUrl: s.ca.pkiBaseUrl,
    passphrase: s.ca.keyPassphrase,
    embeddedDefault: s.embeddedDefault,
    crlShards: s.ca.crlShards,
    tsaPolicyOid: s.ca.tsaPolicyOid,
    ocspCdnMaxAgeSeconds: s.ca.ocspCdnMaxAgeSeconds,
    pkcs11: s.ca.pkcs11,
  };
}

/** The key custody the configuration names: an explicit one, the PKCS#11 token, or none (files). */
export async function configuredCustody(config: CaServiceConfig): Promise<KeyCustody | undefined> {
  if (config.custody) return config.custody;
  if (config.pkcs11) return pkcs11KeyCustody(config.pkcs11);
  return undefined;
}

/** The families a new hierarchy gets: the configured ones, else all three (no SM2 in a PKCS#11 token: SoftHSM2 has none). */
export function familiesFor(config: Pick<CaServiceConfig, "families">, custodyKind: KeyCustody["kind"]): KeyType[] {
  return config.families ?? (custodyKind === "pkcs11" ? ["rsa", "ec"] : ["rsa", "ec", "sm2"]);
}

export const caKeyDir = (config: Pick<CaServiceConfig, "dataDir">) => path.join(config.dataDir, "ca", "keys");
const passphraseFile = (config: Pick<CaServiceConfig, "dataDir">) => path.join(config.dataDir, "ca", "key-passphrase");

/**
 * The passphrase of the CA key files. A deployment sets CA_KEY_PASSPHRASE; the embedded default
 * generates one on first start and keeps it beside the data (0600), so a demo needs no setup.
 * The value is never logged or put into an error.
 */
export async function resolveCaPassphrase(config: CaServiceConfig): Promise<string> {
  if (config.passphrase) {
    if (config.passphrase.length < 8) throw new Error("CA_KEY_PASSPHRASE must have at least 8 characters");
    return config.passphrase;
  }
  if (!config.embeddedDefault) throw new Error("CA_KEY_PASSPHRASE is required when DATABASE_URL is set");
  const file = passphraseFile(config);
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 8) return existing;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const generated = randomBytes(32).toString("base64url");
  try {
    // "wx": two processes racing on first start end up with the winner's passphrase.
    await writeFile(file, generated + "\n", { mode: 0o600, flag: "wx" });
    await chmod(file, 0o600);
    return generated;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return (await readFile(file, "utf8")).trim();
  }
}
