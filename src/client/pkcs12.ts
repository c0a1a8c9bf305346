import { oid, seq, tlv, uint } from "./der";

/**
 * A password-protected PKCS#12 made in the browser from the key kept in IndexedDB and the issued
 * certificate (clause 1.3: the key still never leaves the subscriber's machine). The same modern
 * format the CA uses for server-made keys: the key encrypted with PBES2 (PBKDF2-SHA256,
 * AES-256-CBC), a SHA-256 MAC derived as RFC 7292 appendix B.2 says. OpenSSL 3 and current
 * Windows read it.
 */
const PBKDF2_ITERATIONS = 100_000;
const MAC_ITERATIONS = 10_000;
const O = {
  data: "1.2.840.113549.1.7.1",
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSHA256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  localKeyId: "1.2.840.113549.1.9.21",
  sha256: "2.16.840.1.101.3.4.2.1",
};

const octets = (b: Uint8Array) => tlv(0x04, b);
const explicit0 = (...p: Uint8Array[]) => tlv(0xa0, ...p);
const setOf = (...p: Uint8Array[]) => tlv(0x31, ...p);
const NULL = Uint8Array.of(0x05, 0x00);
const int = (n: number) => uint(Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));
const buf = (b: Uint8Array) => Uint8Array.from(b).buffer;

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function sha256(b: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", buf(b)));
}

/** RFC 7292 B.2 with SHA-256 (u = 32, v = 64), for the MAC key (id 3). */
async function pkcs12Kdf(password: Uint8Array, salt: Uint8Array, id: number, iterations: number, length: number): Promise<Uint8Array> {
  const u = 32;
  const v = 64;
  const fill = (src: Uint8Array) => {
    const out = new Uint8Array(src.length === 0 ? 0 : v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const I = concat(fill(salt), fill(password));
  const out: Uint8Array[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let A = await sha256(concat(new Uint8Array(v).fill(id), I));
    for (let i = 1; i < iterations; i++) A = await sha256(A);
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
  return concat(...out).slice(0, length);
}

function bmpString(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

/**
 * EncryptedPrivateKeyInfo (RFC 5958) with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC. The key bag
 * of the PKCS#12 below, and, as PEM, the encrypted PKCS#8 file `openssl pkey` reads.
 */
export async function encryptedPrivateKeyInfo(pkcs8: Uint8Array, password: string): Promise<Uint8Array> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const base = await crypto.subtle.importKey("raw", buf(new TextEncoder().encode(password)), "PBKDF2", false, ["deriveKey"]);
  const aes = await crypto.subtle.deriveKey({ name: "PBKDF2", salt: buf(salt), iterations: PBKDF2_ITERATIONS, hash: "SHA-256" }, base, { name: "AES-CBC", length: 256 }, false, ["encrypt"]);
  const encrypted = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: buf(iv) }, aes, buf(pkcs8)));
  const alg = seq(oid(O.pbes2), seq(seq(oid(O.pbkdf2), seq(octets(salt), int(PBKDF2_ITERATIONS), seq(oid(O.hmacWithSHA256), NULL))), seq(oid(O.aes256Cbc), octets(iv))));
  return seq(alg, octets(encrypted));
}

const dataContentInfo = (content: Uint8Array) => seq(oid(O.data), explicit0(octets(content)));

/**
 * `key`: a WebCrypto key, or a PKCS#8 PrivateKeyInfo (an SM2 key, which WebCrypto cannot hold;
 * OpenSSL 3.0 reads such a PKCS#12, checked in tests/unit/client/sm2-browser-key.test.ts).
 * `certificates`: DER, the subscriber's first, then the chain.
 */
export async function buildBrowserPkcs12(key: CryptoKey | Uint8Array, certificates: Uint8Array[], password: string): Promise<Uint8Array> {
  const pkcs8 = key instanceof Uint8Array ? key : new Uint8Array(await crypto.subtle.exportKey("pkcs8", key));
  const leaf = certificates[0]!;
  const localKeyId = seq(oid(O.localKeyId), setOf(octets(await sha256(leaf))));
  const keyBag = seq(oid(O.shroudedKeyBag), explicit0(await encryptedPrivateKeyInfo(pkcs8, password)), setOf(localKeyId));
  const certBags = certificates.map((c, i) => {
    const bag = [oid(O.certBag), explicit0(seq(oid(O.x509Certificate), explicit0(octets(c))))];
    return i === 0 ? seq(...bag, setOf(localKeyId)) : seq(...bag);
  });
  const authSafe = seq(dataContentInfo(seq(...certBags)), dataContentInfo(seq(keyBag)));
  const macSalt = crypto.getRandomValues(new Uint8Array(16));
  const macKeyBytes = await pkcs12Kdf(bmpString(password), macSalt, 3, MAC_ITERATIONS, 32);
  const macKey = await crypto.subtle.importKey("raw", buf(macKeyBytes), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", macKey, buf(authSafe)));
  const macData = seq(seq(seq(oid(O.sha256), NULL), octets(mac)), octets(macSalt), int(MAC_ITERATIONS));
  return seq(int(3), dataContentInfo(authSafe), macData);
}

export function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----|\s/g, "");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
