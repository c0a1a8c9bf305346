// Key custody in encrypted PKCS#8 files (PBES2, AES-256-CBC). The passphrase comes from the
// caller's configuration; it is held only in this closure and never logged or put in errors.
import { createPrivateKey, createPublicKey, createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdir, readFile, writeFile, access } from "node:fs/promises";
import path from "node:path";
import { CaError } from "../errors";
import { assertLabel, chunksOf, type KeyCustody, type KeySigner, type KeySpec } from "./key-signer";
import { isSm2Spki, sm2PrivateKeyHex, sm2PublicKeyHex, sm2Sign } from "./sm2";

/** Node (OpenSSL) generates, encrypts and exports SM2 keys too; only their signatures are made in sm2.ts. */
export function generateKeyObject(spec: KeySpec): KeyObject {
  if (spec.type === "sm2") return generateKeyPairSync("ec", { namedCurve: "SM2" }).privateKey;
  return spec.type === "rsa"
    ? generateKeyPairSync("rsa", { modulusLength: spec.bits, publicExponent: 65537 }).privateKey
    : generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
}

export function encryptPrivateKey(key: KeyObject, passphrase: string): string {
  return key.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase }) as string;
}

export function decryptPrivateKey(pem: string | Buffer, passphrase: string): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: "pem", passphrase });
  } catch (cause) {
    // The node error text can mention the input; keep only our own message.
    throw new CaError("KEY_FILE_INVALID", undefined, { cause: cause instanceof Error ? new Error(cause.name) : undefined });
  }
}

/** A signer over an in-memory private key (also used for keys the engine generates for subscribers). */
export function keyObjectSigner(label: string, key: KeyObject): KeySigner {
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  // An SM2 key read back from PEM has no asymmetricKeyType in Node 20; its SPKI names the curve.
  if (isSm2Spki(spki)) return sm2Signer(label, key, spki);
  const keyType = key.asymmetricKeyType === "rsa" ? "rsa" : key.asymmetricKeyType === "ec" ? "ec" : null;
  if (!keyType) throw new CaError("KEY_FILE_INVALID", `unsupported key type ${key.asymmetricKeyType}`);
  return {
    label,
    keyType,
    spki,
    async sign(data) {
      const s = createSign("sha256");
      for (const c of chunksOf(data)) s.update(c);
      return s.sign(key);
    },
  };
}

function sm2Signer(label: string, key: KeyObject, spki: Buffer): KeySigner {
  const privateKeyHex = sm2PrivateKeyHex(key);
  const publicKeyHex = sm2PublicKeyHex(spki);
  return { label, keyType: "sm2", spki, sign: async (data) => sm2Sign(privateKeyHex, publicKeyHex, chunksOf(data)) };
}

export function fileKeyCustody(dir: string, passphrase: string): KeyCustody {
  if (passphrase.length < 8) throw new CaError("INVALID_INPUT", "key passphrase must have at least 8 characters");
  const file = (label: string) => {
    assertLabel(label);
    return path.join(dir, `${label}.key.pem`);
  };
  const has = async (label: string) =>
    access(file(label)).then(
      () => true,
      () => false,
    );
  return {
    kind: "file",
    has,
    async generate(label, spec) {
      if (await has(label)) throw new CaError("KEY_EXISTS", `key ${label} already exists`);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const key = generateKeyObject(spec);
      await writeFile(file(label), encryptPrivateKey(key, passphrase), { mode: 0o600, flag: "wx" });
      return keyObjectSigner(label, key);
    },
    async open(label) {
      const pem = await readFile(file(label)).catch(() => {
        throw new CaError("KEY_NOT_FOUND", `no key file for ${label}`);
      });
      return keyObjectSigner(label, decryptPrivateKey(pem, passphrase));
    },
  };
}
