/**
 * The subscriber's private keys, kept in this browser's IndexedDB (clause 1.3: the key never
 * leaves the browser). CryptoKey objects are stored as they are (structured clone), keyed by the
 * application the key was made for; the certificate id is added once the certificate is issued.
 */
const DB_NAME = "portal-keys";
const STORE = "keys";

export interface StoredKey {
  applicationId: string;
  createdAt: string;
  algorithm: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** SHA-256 of the SubjectPublicKeyInfo, hex: matches the certificate's key. */
  spkiSha256: string;
}

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
