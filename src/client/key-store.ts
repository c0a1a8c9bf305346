import type { WrappedSm2PrivateKey } from "./sm2-key-wrap";

/**
 * The subscriber's private keys, kept in this browser's IndexedDB (clause 1.3: the key never
 * leaves the browser). CryptoKey objects are stored as they are (structured clone), keyed by the
 * application the key was made for; the certificate id is added once the certificate is issued.
 * An SM2 key, which WebCrypto cannot hold, is kept encrypted under a non-extractable AES-GCM
 * CryptoKey stored with it (sm2-key-wrap.ts).
 */
const DB_NAME = "portal-keys";
const STORE = "keys";

interface StoredKeyBase {
  applicationId: string;
  createdAt: string;
  /** SHA-256 of the SubjectPublicKeyInfo, hex: matches the certificate's key. */
  spkiSha256: string;
}

/** A P-256 key WebCrypto holds (the keys made before SM2 have this shape, algorithm "EC-P256"). */
export interface WebCryptoStoredKey extends StoredKeyBase {
  algorithm: "EC-P256";
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export interface Sm2StoredKey extends StoredKeyBase {
  algorithm: "SM2";
  /** 04||x||y in hex. */
  publicKeyHex: string;
  wrappedPrivateKey: WrappedSm2PrivateKey;
}

export type StoredKey = WebCryptoStoredKey | Sm2StoredKey;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "applicationId" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("indexedDB"));
  });
}

function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = op(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = () => reject(tx.error ?? new Error("indexedDB"));
      }),
  );
}

export const saveKey = (k: StoredKey) => run("readwrite", (s) => s.put(k)).then(() => undefined);
export const loadKey = (applicationId: string) => run<StoredKey | undefined>("readonly", (s) => s.get(applicationId) as IDBRequest<StoredKey | undefined>);
export const listKeys = () => run<StoredKey[]>("readonly", (s) => s.getAll() as IDBRequest<StoredKey[]>);

/**
 * The key of a certificate, if this browser holds it: saved under the certificate's application, or
 * (a key re-certified by a renewal) under another one; only a key whose public key is the
 * certificate's counts.
 */
export async function findCertificateKey(applicationId: string | null, spkiSha256: string): Promise<StoredKey | undefined> {
  const own = applicationId ? await loadKey(applicationId) : undefined;
  if (own?.spkiSha256 === spkiSha256) return own;
  return (await listKeys()).find((k) => k.spkiSha256 === spkiSha256);
}
