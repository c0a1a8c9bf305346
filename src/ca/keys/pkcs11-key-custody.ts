// Key custody in a PKCS#11 token (tested against SoftHSM2). Keys are generated inside the
// token as sensitive and non-extractable; signing hashes in JS and sends the digest to the
// token (CKM_RSA_PKCS over a DigestInfo, CKM_ECDSA over the hash), because SoftHSM 2.6 rejects
// CKM_ECDSA_SHA256 and this keeps both key types on one path.
import { createHash } from "node:crypto";
import { NULL, bitString, contentOf, oid, readRoot, seq, unsignedInteger } from "../asn1/der";
import { OID } from "../asn1/oids";
import { CaError } from "../errors";
import { assertLabel, chunksOf, type KeyCustody, type KeySigner, type KeySpec } from "./key-signer";
import type * as Pkcs11Types from "pkcs11js";

export interface Pkcs11Config {
  modulePath: string;
  /** token label (preferred) or slot index */
  tokenLabel?: string;
  slotIndex?: number;
  pin: string;
}

type Pkcs11Module = typeof Pkcs11Types;

async function loadModule(): Promise<Pkcs11Module> {
  try {
    const mod = (await import("pkcs11js")) as unknown as { default?: Pkcs11Module } & Pkcs11Module;
    return mod.default ?? mod;
  } catch (cause) {
    throw new CaError("PKCS11_UNAVAILABLE", "the pkcs11js module cannot be loaded", { cause });
  }
}

const SHA256_DIGEST_INFO_PREFIX = Buffer.from("3031300d060960864801650304020105000420", "hex");

/** PKCS#11 ECDSA gives r||s; X.509 and CMS want the DER SEQUENCE of two INTEGERs. */
export function rawEcdsaToDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  return seq(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

export interface Pkcs11Custody extends KeyCustody {
  /** reads CKA_EXTRACTABLE / CKA_SENSITIVE of the private key (for checks and tests) */
  keyFlags(label: string): Promise<{ extractable: boolean; sensitive: boolean }>;
  close(): void;
}

/** open custodies per module path: the module is finalised when the last one closes */
const users = new Map<string, number>();

export async function pkcs11KeyCustody(config: Pkcs11Config): Promise<Pkcs11Custody> {
  const p11 = await loadModule();
  const lib = new p11.PKCS11();
  try {
    lib.load(config.modulePath);
  } catch (cause) {
    throw new CaError("PKCS11_UNAVAILABLE", `cannot load PKCS#11 module ${config.modulePath}`, { cause });
  }
  try {
    lib.C_Initialize();
  } catch (cause) {
    // a second custody in the same process shares the already initialised module
    if (!(cause instanceof Error && cause.message.includes("CKR_CRYPTOKI_ALREADY_INITIALIZED"))) {
      throw new CaError("PKCS11_UNAVAILABLE", `cannot initialise PKCS#11 module ${config.modulePath}`, { cause });
    }
  }
  users.set(config.modulePath, (users.get(config.modulePath) ?? 0) + 1);
  const release = () => {
    const left = (users.get(config.modulePath) ?? 1) - 1;
    users.set(config.modulePath, left);
    if (left === 0) lib.C_Finalize();
  };
  let session: Buffer;
  try {
    const slots = lib.C_GetSlotList(true);
    const slot =
      config.tokenLabel !== undefined
        ? slots.find((s) => lib.C_GetTokenInfo(s).label.trim() === config.tokenLabel)
        : slots[config.slotIndex ?? 0];
    if (!slot) throw new CaError("PKCS11_ERROR", `no token ${config.tokenLabel ?? `in slot ${config.slotIndex ?? 0}`}`);
    session = lib.C_OpenSession(slot, p11.CKF_RW_SESSION | p11.CKF_SERIAL_SESSION);
    try {
      lib.C_Login(session, p11.CKU_USER, config.pin);
    } catch (e) {
      // login state is per application: another open custody already logged in
      if (!(e instanceof Error && e.message.includes("CKR_USER_ALREADY_LOGGED_IN"))) throw e;
    }
  } catch (e) {
    release();
    if (e instanceof CaError) throw e;
    // never include the PIN; the token's error name is enough
    throw new CaError("PKCS11_ERROR", `token login failed (${e instanceof Error ? e.message.split("\n")[0] : "error"})`);
  }

  const find = (label: string, cls: number): Buffer | null => {
    lib.C_FindObjectsInit(session, [
      { type: p11.CKA_LABEL, value: label },
      { type: p11.CKA_CLASS, value: cls },
    ]);
    const found = lib.C_FindObjects(session, 1);
    lib.C_FindObjectsFinal(session);
    return found[0] ?? null;
  };

  function spkiOf(pub: Buffer): { spki: Buffer; keyType: "rsa" | "ec" } {
    const [kt] = lib.C_GetAttributeValue(session, pub, [{ type: p11.CKA_KEY_TYPE }]);
    const keyType = kt!.value[0] === p11.CKK_EC ? "ec" : "rsa"; // CK_ULONG, little-endian; CKK_EC = 3
    if (keyType === "rsa") {
      const [n, e] = lib.C_GetAttributeValue(session, pub, [{ type: p11.CKA_MODULUS }, { type: p11.CKA_PUBLIC_EXPONENT }]);
      return { keyType, spki: seq(seq(oid(OID.rsaEncryption), NULL), bitString(seq(unsignedInteger(n!.value), unsignedInteger(e!.value)))) };
    }
    const [point] = lib.C_GetAttributeValue(session, pub, [{ type: p11.CKA_EC_POINT }]);
    const q = contentOf(point!.value, readRoot(point!.value)); // CKA_EC_POINT is a DER OCTET STRING
    return { keyType, spki: seq(seq(oid(OID.ecPublicKey), oid(OID.prime256v1)), bitString(q)) };
  }

  function signerFor(label: string): KeySigner {
    const priv = find(label, p11.CKO_PRIVATE_KEY);
    const pub = find(label, p11.CKO_PUBLIC_KEY);
    if (!priv || !pub) throw new CaError("KEY_NOT_FOUND", `no key pair ${label} in the token`);
    const { spki, keyType } = spkiOf(pub);
    return {
      label,
      keyType,
      spki,
      async sign(data) {
        const h = createHash("sha256");
        for (const c of chunksOf(data)) h.update(c);
        const digest = h.digest();
        try {
          if (keyType === "rsa") {
            lib.C_SignInit(session, { mechanism: p11.CKM_RSA_PKCS }, priv);
            return Buffer.from(lib.C_Sign(session, Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]), Buffer.alloc(1024)));
          }
          lib.C_SignInit(session, { mechanism: p11.CKM_ECDSA }, priv);
          return rawEcdsaToDer(Buffer.from(lib.C_Sign(session, digest, Buffer.alloc(256))));
        } catch (e) {
          throw new CaError("PKCS11_ERROR", `token refused to sign (${e instanceof Error ? e.message.split("\n")[0] : "error"})`);
        }
      },
    };
  }

  return {
    kind: "pkcs11",
    has: async (label) => find(label, p11.CKO_PRIVATE_KEY) !== null,
    async generate(label, spec: KeySpec) {
      assertLabel(label);
      // SoftHSM2 has no SM2 mechanism, and PKCS#11 3.x has no standard one: an HSM with SM2 names it with a
      // vendor mechanism (e.g. CKM_VENDOR_DEFINED + n for SM2 sign, with SM3 and the user ID done on the card
      // or as a Z-prefixed digest). Until such a token is configured, SM2 CA keys live in encrypted files.
      if (spec.type === "sm2") throw new CaError("INVALID_INPUT", "this PKCS#11 token has no SM2 mechanism: keep SM2 keys in encrypted key files (CA_KEY_STORE=file)");
      if (find(label, p11.CKO_PRIVATE_KEY)) throw new CaError("KEY_EXISTS", `key ${label} already exists in the token`);
      const id = createHash("sha1").update(label).digest();
      const common = [
        { type: p11.CKA_TOKEN, value: true },
        { type: p11.CKA_LABEL, value: label },
        { type: p11.CKA_ID, value: id },
      ];
      const pubT = [...common, { type: p11.CKA_VERIFY, value: true }, { type: p11.CKA_ENCRYPT, value: false }, { type: p11.CKA_WRAP, value: false }];
      const privT = [
        ...common,
        { type: p11.CKA_PRIVATE, value: true },
        { type: p11.CKA_SENSITIVE, value: true },
        { type: p11.CKA_EXTRACTABLE, value: false },
        { type: p11.CKA_SIGN, value: true },
        { type: p11.CKA_DECRYPT, value: false },
        { type: p11.CKA_UNWRAP, value: false },
      ];
      try {
        if (spec.type === "rsa") {
          lib.C_GenerateKeyPair(session, { mechanism: p11.CKM_RSA_PKCS_KEY_PAIR_GEN }, [...pubT, { type: p11.CKA_MODULUS_BITS, value: spec.bits }, { type: p11.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) }], privT);
        } else {
          lib.C_GenerateKeyPair(session, { mechanism: p11.CKM_EC_KEY_PAIR_GEN }, [...pubT, { type: p11.CKA_EC_PARAMS, value: oid(OID.prime256v1) }], privT);
        }
      } catch (e) {
        throw new CaError("PKCS11_ERROR", `key generation failed (${e instanceof Error ? e.message.split("\n")[0] : "error"})`);
      }
      return signerFor(label);
    },
    open: async (label) => signerFor(label),
    async keyFlags(label) {
      const priv = find(label, p11.CKO_PRIVATE_KEY);
      if (!priv) throw new CaError("KEY_NOT_FOUND", `no key ${label}`);
      const [ex, se] = lib.C_GetAttributeValue(session, priv, [{ type: p11.CKA_EXTRACTABLE }, { type: p11.CKA_SENSITIVE }]);
      return { extractable: ex!.value[0] === 1, sensitive: se!.value[0] === 1 };
    },
    close() {
      try {
        lib.C_CloseSession(session); // closing the application's last session logs out
      } finally {
        release();
      }
    },
  };
}

