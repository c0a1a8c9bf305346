// PKCS#12 (RFC 7292) for keys the engine generated for a subscriber: the key in a
// pkcs8ShroudedKeyBag encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the chain in
// cert bags, and an HMAC-SHA-256 MAC. Written directly in DER with node:crypto: the MAC key
// derivation needs the password as a BMPString and PBES2 needs it as UTF-8, which generic
// libraries leave to the caller anyway; building it here keeps both encodings in one place.
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes, type KeyObject } from "node:crypto";
import { NULL, explicit, integer, octetString, oid, seq, setOf, tlv } from "../asn1/der";
import { OID } from "../asn1/oids";
import { CaError } from "../errors";

const P12 = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSHA256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  keyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  localKeyId: "1.2.840.113549.1.9.21",
  friendlyName: "1.2.840.113549.1.9.20",
};

export const PBKDF2_ITERATIONS = 100_000;
export const MAC_ITERATIONS = 10_000;

/** Password rules: 12-128 characters, no control characters, at least three character classes. */
export function checkPkcs12Password(password: string): void {
  const length = [...password].length;
  if (length < 12 || length > 128) throw new CaError("PASSWORD_TOO_WEAK", "the password must have 12 to 128 characters");
  if (/[\u0000-\u001f\u007f]/.test(password)) throw new CaError("PASSWORD_TOO_WEAK", "the password must not contain control characters");
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) throw new CaError("PASSWORD_TOO_WEAK", "the password must mix at least three of: lower case, upper case, digits, other characters");
}

function bmpString(password: string): Buffer {
  const utf16be = Buffer.from(password, "utf16le").swap16();
  return Buffer.concat([utf16be, Buffer.alloc(2)]);
}

/** RFC 7292 appendix B.2 key derivation with SHA-256 (u = 32, v = 64). */
export function pkcs12Kdf(password: Buffer, salt: Buffer, id: number, iterations: number, length: number): Buffer {
  const u = 32;
  const v = 64;
  const fill = (src: Buffer) => {
    if (src.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const out: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let A = createHash("sha256").update(D).update(I).digest();
    for (let i = 1; i < iterations; i++) A = createHash("sha256").update(A).digest();
    out.push(A);
    const B = fill(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}

function encryptedPrivateKeyInfo(key: KeyObject, password: string): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const derived = pbkdf2Sync(Buffer.from(password, "utf8"), salt, PBKDF2_ITERATIONS, 32, "sha256");
  const cipher = createCipheriv("aes-256-cbc", derived, iv);
  const plain = key.export({ type: "pkcs8", format: "der" });
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const alg = seq(
    oid(P12.pbes2),
    seq(seq(oid(P12.pbkdf2), seq(octetString(salt), integer(PBKDF2_ITERATIONS), seq(oid(P12.hmacWithSHA256), NULL))), seq(oid(P12.aes256Cbc), octetString(iv))),
  );
  return seq(alg, octetString(encrypted));
}

const dataContentInfo = (content: Buffer) => seq(oid(OID.data), explicit(0, octetString(content)));

export interface Pkcs12Input {
  privateKey: KeyObject;
  /** leaf first, then the chain */
  certificates: readonly Uint8Array[];
  password: string;
  friendlyName?: string;
}

export function buildPkcs12(input: Pkcs12Input): Buffer {
  checkPkcs12Password(input.password);
  const leaf = input.certificates[0];
  if (!leaf) throw new CaError("INVALID_INPUT", "PKCS#12 needs at least the subscriber certificate");
  const localKeyId = createHash("sha1").update(leaf).digest();
  const attrs = [seq(oid(P12.localKeyId), setOf(octetString(localKeyId)))];
  if (input.friendlyName) attrs.push(seq(oid(P12.friendlyName), setOf(tlv(0x1e, Buffer.from(input.friendlyName, "utf16le").swap16()))));
  const keyBag = seq(oid(P12.keyBag), explicit(0, encryptedPrivateKeyInfo(input.privateKey, input.password)), setOf(...attrs));
  const certBags = input.certificates.map((c, i) =>
    i === 0
      ? seq(oid(P12.certBag), explicit(0, seq(oid(P12.x509Certificate), explicit(0, octetString(c)))), setOf(attrs[0]!))
      : seq(oid(P12.certBag), explicit(0, seq(oid(P12.x509Certificate), explicit(0, octetString(c))))),
  );
  const authSafe = seq(dataContentInfo(seq(...certBags)), dataContentInfo(seq(keyBag)));
  const macSalt = randomBytes(16);
  const macKey = pkcs12Kdf(bmpString(input.password), macSalt, 3, MAC_ITERATIONS, 32);
  const mac = createHmac("sha256", macKey).update(authSafe).digest();
  const macData = seq(seq(seq(oid(OID.sha256), NULL), octetString(mac)), octetString(macSalt), integer(MAC_ITERATIONS));
  return seq(integer(3), dataContentInfo(authSafe), macData);
}
