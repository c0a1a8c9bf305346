import { X509Certificate } from "node:crypto";
import path from "node:path";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import type { CaEntity, CaRole as EngineRole, HierarchyRecord } from "@/ca/hierarchy/hierarchy";
import type { KeyType } from "@/ca/keys/key-signer";
import { isSm2Spki } from "@/ca/keys/sm2";
import type { CaRole, IssuingCa } from "@/generated/prisma/client";

const ROLE_TO_DB: Record<EngineRole, CaRole> = { root: "ROOT", issuing: "ISSUING", ocsp: "OCSP", tsa: "TSA" };
const ROLE_FROM_DB: Record<CaRole, EngineRole> = { ROOT: "root", ISSUING: "issuing", OCSP: "ocsp", TSA: "tsa" };

export const PKCS11_PREFIX = "pkcs11:";

/** "EC-P256", "RSA-3072", "SM2": the algorithm column, read from the certificate itself. */
export function algorithmOf(certificate: Buffer): string {
  if (isSm2Spki(parseCertificate(certificate).spki)) return "SM2";
  const key = new X509Certificate(certificate).publicKey;
  if (key.asymmetricKeyType === "rsa") return `RSA-${key.asymmetricKeyDetails?.modulusLength ?? 0}`;
  return "EC-P256";
}

/** One-line RFC 4514-like rendering for display and search; the DER column is authoritative. */
export function subjectDnOf(certificate: Buffer): string {
  return new X509Certificate(certificate).subject.split("\n").reverse().join(", ");
}

/** Where a key is, as stored in IssuingCa.keyRef: the key file's path, or pkcs11:<label>. */
export function keyRefFor(entity: CaEntity, custodyKind: "file" | "pkcs11", keyDir: string): string {
  return custodyKind === "pkcs11" ? `${PKCS11_PREFIX}${entity.keyLabel}` : path.join(keyDir, `${entity.keyLabel}.key.pem`);
}

export function keyLabelOf(keyRef: string): string {
  if (keyRef.startsWith(PKCS11_PREFIX)) return keyRef.slice(PKCS11_PREFIX.length);
  return path.basename(keyRef).replace(/\.key\.pem$/, "");
}

/** Prisma's Bytes columns want a Uint8Array over a plain ArrayBuffer. */
export const bytes = (b: Uint8Array): Uint8Array<ArrayBuffer> => Uint8Array.from(b);

export function entityRow(entity: CaEntity, keyRef: string) {
  const cert = new X509Certificate(entity.certificate);
  return {
    name: entity.id,
    role: ROLE_TO_DB[entity.role],
    algorithm: algorithmOf(entity.certificate),
    subjectDn: subjectDnOf(entity.certificate),
    subjectDer: bytes(parseCertificate(entity.certificate).subjectName),
    certificateDer: bytes(entity.certificate),
    keyRef,
    crlShardCount: Math.max(1, entity.crlShards),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}

/** Rows -> the engine's hierarchy record (entity ids are the rows' names). */
export function hierarchyRecordFromRows(rows: readonly IssuingCa[], baseUrl: string): HierarchyRecord {
  const nameById = new Map(rows.map((r) => [r.id, r.name]));
  return {
    baseUrl,
    entities: rows.map((r) => ({
      id: r.name,
      role: ROLE_FROM_DB[r.role],
      keyLabel: keyLabelOf(r.keyRef),
      keyType: keyTypeOfAlgorithm(r.algorithm),
      certificate: Buffer.from(r.certificateDer),
      issuerId: r.parentId ? (nameById.get(r.parentId) ?? null) : null,
      crlShards: r.role === "ROOT" || r.role === "ISSUING" ? r.crlShardCount : 0,
    })),
  };
}

/** The engine's key family of an algorithm column value ("SM2" rows are the SM2 hierarchy's). */
export function keyTypeOfAlgorithm(algorithm: string): KeyType {
  return algorithm === "SM2" ? "sm2" : algorithm.startsWith("RSA") ? "rsa" : "ec";
}
