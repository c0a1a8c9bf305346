// Builds the demo hierarchy on first start: an RSA-3072 root, one issuing CA per key family the
// profiles need (RSA-3072 and ECDSA P-256), a delegated OCSP signer per issuing CA with a key of
// the same family (id-pkix-ocsp-nocheck) and a TSA certificate (critical timeStamping EKU).
// The SM2 family (issue 17) is a hierarchy of its own: GM/T 0015 wants an SM2 certificate to chain
// to an SM2 root signed SM3withSM2, so "sm2" adds root-sm2 -> issuing-sm2 -> ocsp-sm2 / tsa-sm2
// instead of hanging an SM2 issuing CA under the RSA root.
import { encodeName, type NameAttribute } from "../asn1/names";
import * as X from "../asn1/extensions";
import { OID } from "../asn1/oids";
import { parseCertificate } from "../asn1/certificate-parts";
import { wholeSeconds, DAY_MS, type Clock } from "../clock";
import type { KeyCustody, KeySigner, KeySpec, KeyType } from "../keys/key-signer";
import { randomSerial, signCertificate } from "../issuance/certificate-builder";
import { assemble, type CaEntity, type CaRole, type Hierarchy, type LoadedEntity } from "./hierarchy";
import { pkiUrls } from "./pki-urls";

export interface DemoHierarchyOptions {
  custody: KeyCustody;
  clock: Clock;
  baseUrl: string;
  /** organisation name in every CA subject */
  organization?: string;
  /** key families that get an issuing CA; default all three. "sm2" brings its own SM2 root and TSA. */
  families?: KeyType[];
  crlShards?: number;
  /** label prefix so several hierarchies can share one custody */
  labelPrefix?: string;
}

const YEARS = (n: number) => n * 365 * DAY_MS;

export const DEFAULT_FAMILIES: KeyType[] = ["rsa", "ec", "sm2"];

/** The SM2 hierarchy in creation order (each issuer before its subjects): id, role, CN, years, issuer. */
export const SM2_ENTITIES: ReadonlyArray<readonly [string, CaRole, string, number, string | null]> = [
  ["root-sm2", "root", "Demo Root CA SM2", 20, null],
  ["issuing-sm2", "issuing", "Demo Issuing CA SM2 1", 10, "root-sm2"],
  ["ocsp-sm2", "ocsp", "Demo OCSP Responder SM2 1", 2, "issuing-sm2"],
  ["tsa-sm2", "tsa", "Demo Time Stamping Authority SM2 1", 5, "issuing-sm2"],
];

type Make = (id: string, role: CaRole, spec: KeySpec, subject: NameAttribute[], years: number, issuerId: string | null) => Promise<LoadedEntity>;

/** The entity factory both builders share: each entity signed by its issuer (found in byId) or by itself. */
function entityMaker(o: DemoHierarchyOptions, byId: Map<string, LoadedEntity>): { make: Make; name: (cn: string) => NameAttribute[] } {
  const urls = pkiUrls(o.baseUrl);
  const org = o.organization ?? "示例电子认证服务有限公司";
  const shards = o.crlShards ?? 4;
  const prefix = o.labelPrefix ?? "";
  const now = wholeSeconds(o.clock.now());
  const name = (cn: string): NameAttribute[] => [
    { type: "C", value: "CN" },
    { type: "O", value: org },
    { type: "CN", value: cn },
  ];
  const make: Make = async (id, role, spec, subject, years, issuerId) => {
    const signer = await o.custody.generate(`${prefix}${id}`, spec);
    const issuer = issuerId ? byId.get(issuerId)! : undefined;
    const subjectName = encodeName(subject);
    const keyId = X.keyIdentifier(signer.spki);
    const ext: Buffer[] = [];
    if (role === "root" || role === "issuing") {
      ext.push(X.basicConstraints(true, role === "issuing" ? 0 : undefined), X.keyUsage(["digitalSignature", "keyCertSign", "cRLSign"]));
    } else {
      ext.push(X.basicConstraints(false), X.keyUsage(role === "tsa" ? ["digitalSignature", "nonRepudiation"] : ["digitalSignature"]));
      ext.push(role === "ocsp" ? X.extKeyUsage([OID.ekuOcspSigning], false) : X.extKeyUsage([OID.ekuTimeStamping], true));
      if (role === "ocsp") ext.push(X.ocspNoCheck());
    }
    ext.push(X.subjectKeyIdentifier(keyId));
    if (issuer) {
      ext.push(X.authorityKeyIdentifier(issuer.keyId), X.crlDistributionPoints(urls.crl(issuer.entity.id, 0)), X.authorityInfoAccess(undefined, urls.caCertificate(issuer.entity.id)));
    }
    const issuerSigner: KeySigner = issuer ? issuer.signer : signer;
    const notAfter = new Date(now.getTime() + YEARS(years));
    const certificate = await signCertificate(
      { serial: randomSerial(), issuerName: issuer ? issuer.parts.subjectName : subjectName, subjectName, notBefore: now, notAfter, spki: signer.spki, extensions: ext },
      issuerSigner,
    );
    const entity: CaEntity = { id, role, keyLabel: signer.label, keyType: spec.type, certificate, issuerId, crlShards: role === "root" ? 1 : role === "issuing" ? shards : 0 };
    const loaded = { entity, parts: parseCertificate(certificate), keyId, signer };
    byId.set(id, loaded);
    return loaded;
  };
  return { make, name };
}

export async function createDemoHierarchy(o: DemoHierarchyOptions): Promise<Hierarchy> {
  const byId = new Map<string, LoadedEntity>();
  const { make, name } = entityMaker(o, byId);

  await make("root", "root", { type: "rsa", bits: 3072 }, name("Demo Root CA R1"), 20, null);
  const families = o.families ?? DEFAULT_FAMILIES;
  const international = families.filter((f) => f !== "sm2");
  for (const family of international) {
    const id = `issuing-${family}`;
    await make(id, "issuing", family === "rsa" ? { type: "rsa", bits: 3072 } : { type: "ec", curve: "P-256" }, name(`Demo Issuing CA ${family.toUpperCase()} 1`), 10, "root");
    // The responder's key is of its issuing CA's family, as its name says ("ocsp-rsa" had a P-256 key: issue 15);
    // RSA-2048 for a two-year responder certificate, cheaper to make than the CAs' 3072.
    await make(`ocsp-${family}`, "ocsp", family === "rsa" ? { type: "rsa", bits: 2048 } : { type: "ec", curve: "P-256" }, name(`Demo OCSP Responder ${family.toUpperCase()} 1`), 2, id);
  }
  if (international.length > 0) await make("tsa", "tsa", { type: "ec", curve: "P-256" }, name("Demo Time Stamping Authority 1"), 5, `issuing-${international[0]}`);
  if (families.includes("sm2")) await makeSm2(make, name);

  return assemble({ baseUrl: o.baseUrl, entities: [...byId.values()].map((e) => e.entity) }, byId);
}

async function makeSm2(make: Make, name: (cn: string) => NameAttribute[]): Promise<void> {
  for (const [id, role, cn, years, issuerId] of SM2_ENTITIES) await make(id, role, { type: "sm2" }, name(cn), years, issuerId);
}

/**
 * Only the SM2 family, for a hierarchy made before issue 17: it hangs from its own root, so adding
 * it touches no existing CA (no re-keying, no new certificate for the RSA root). Returns the new
 * entities in creation order (root-sm2 first); the caller stores them beside the existing ones.
 */
export async function createSm2Family(o: DemoHierarchyOptions): Promise<LoadedEntity[]> {
  const byId = new Map<string, LoadedEntity>();
  const { make, name } = entityMaker(o, byId);
  await makeSm2(make, name);
  return [...byId.values()];
}
