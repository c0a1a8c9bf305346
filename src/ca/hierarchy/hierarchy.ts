// The CA hierarchy as plain data (what the server or the CLI persists) and its loaded form
// (with signers opened from key custody).
import { keyIdentifier } from "../asn1/extensions";
import { parseCertificate, type CertificateParts } from "../asn1/certificate-parts";
import { CaError } from "../errors";
import type { KeyCustody, KeySigner, KeyType } from "../keys/key-signer";
import { pkiUrls, type PkiUrls } from "./pki-urls";

export type CaRole = "root" | "issuing" | "ocsp" | "tsa";

export interface CaEntity {
  /** stable id used in URLs, e.g. "root", "issuing-rsa" */
  id: string;
  role: CaRole;
  keyLabel: string;
  keyType: KeyType;
  /** DER certificate */
  certificate: Buffer;
  issuerId: string | null;
  /** number of CRL shards (root and issuing CAs) */
  crlShards: number;
}

export interface HierarchyRecord {
  baseUrl: string;
  entities: CaEntity[];
}

export interface LoadedEntity {
  entity: CaEntity;
  parts: CertificateParts;
  keyId: Buffer;
  signer: KeySigner;
}

export interface Hierarchy {
  record: HierarchyRecord;
  urls: PkiUrls;
  byId: Map<string, LoadedEntity>;
  /** the international (RSA) root: id "root", else the first root whose key is not SM2 */
  root: LoadedEntity;
  /** every root (the RSA root and, when present, root-sm2), for trust lists and CRL publishing */
  roots: LoadedEntity[];
  /** issuing CA per subscriber key family (issuing.sm2 is issuing-sm2, under root-sm2) */
  issuing: Partial<Record<KeyType, LoadedEntity>>;
  /** delegated OCSP signer per issuing CA id */
  ocspSigners: Map<string, LoadedEntity>;
  /** the international TSA (ECDSA) */
  tsa?: LoadedEntity;
  /** the SM2 TSA under issuing-sm2 */
  tsaSm2?: LoadedEntity;
}

export async function loadHierarchy(record: HierarchyRecord, custody: KeyCustody): Promise<Hierarchy> {
  const byId = new Map<string, LoadedEntity>();
  for (const entity of record.entities) {
    const parts = parseCertificate(entity.certificate);
    const signer = await custody.open(entity.keyLabel);
    if (!signer.spki.equals(parts.spki)) throw new CaError("KEY_FILE_INVALID", `key ${entity.keyLabel} does not match certificate ${entity.id}`);
    byId.set(entity.id, { entity, parts, keyId: keyIdentifier(parts.spki), signer });
  }
  return assemble(record, byId);
}

export function assemble(record: HierarchyRecord, byId: Map<string, LoadedEntity>): Hierarchy {
  const all = [...byId.values()];
  const roots = all.filter((e) => e.entity.role === "root");
  // By id first, then by family: an SM2 root must never become `root`, which everything
  // international (RSA/EC chains, receipts, evidence) hangs from.
  const root = roots.find((e) => e.entity.id === "root") ?? roots.find((e) => e.entity.keyType !== "sm2");
  if (!root) throw new CaError("INVALID_INPUT", "hierarchy has no international root");
  const issuing: Hierarchy["issuing"] = {};
  for (const e of all) if (e.entity.role === "issuing") issuing[e.entity.keyType] = e;
  const ocspSigners = new Map<string, LoadedEntity>();
  for (const e of all) if (e.entity.role === "ocsp" && e.entity.issuerId) ocspSigners.set(e.entity.issuerId, e);
  const tsas = all.filter((e) => e.entity.role === "tsa");
  return {
    record,
    urls: pkiUrls(record.baseUrl),
    byId,
    root,
    roots,
    issuing,
    ocspSigners,
    tsa: tsas.find((e) => e.entity.keyType !== "sm2"),
    tsaSm2: tsas.find((e) => e.entity.keyType === "sm2"),
  };
}

/** Certificates from the entity up to the root, entity first. */
export function chainOf(h: Hierarchy, id: string): Buffer[] {
  const out: Buffer[] = [];
  let cur = h.byId.get(id);
  while (cur) {
    out.push(cur.entity.certificate);
    cur = cur.entity.issuerId ? h.byId.get(cur.entity.issuerId) : undefined;
  }
  return out;
}

/** JSON form for files: certificates as base64. */
export function hierarchyToJson(r: HierarchyRecord): string {
  return JSON.stringify({ baseUrl: r.baseUrl, entities: r.entities.map((e) => ({ ...e, certificate: e.certificate.toString("base64") })) }, null, 2);
}
export function hierarchyFromJson(json: string): HierarchyRecord {
  const parsed = JSON.parse(json) as { baseUrl: string; entities: Array<Omit<CaEntity, "certificate"> & { certificate: string }> };
  return { baseUrl: parsed.baseUrl, entities: parsed.entities.map((e) => ({ ...e, certificate: Buffer.from(e.certificate, "base64") })) };
}
