// Builds the demo hierarchy on first start: an RSA-3072 root, one issuing CA per key family the
// profiles need (RSA-3072 and ECDSA P-256), a delegated OCSP signer per issuing CA with a key of
// the same family (id-pkix-ocsp-nocheck) and a TSA certificate (critical timeStamping EKU).
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
  /** key families that get an issuing CA; default both */
  families?: KeyType[];
  crlShards?: number;
  /** label prefix so several hierarchies can share one custody */
  labelPrefix?: string;
}

const YEARS = (n: number) => n * 365 * DAY_MS;

export async function createDemoHierarchy(o: DemoHierarchyOptions): Promise<Hierarchy> {
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
  const byId = new Map<string, LoadedEntity>();

  async function make(id: string, role: CaRole, spec: KeySpec, subject: NameAttribute[], years: number, issuerId: string | null): Promise<LoadedEntity> {
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
  }

  await make("root", "root", { type: "rsa", bits: 3072 }, name("Demo Root CA R1"), 20, null);
  const families = o.families ?? ["rsa", "ec"];
  for (const family of families) {
    const id = `issuing-${family}`;
    await make(id, "issuing", family === "rsa" ? { type: "rsa", bits: 3072 } : { type: "ec", curve: "P-256" }, name(`Demo Issuing CA ${family.toUpperCase()} 1`), 10, "root");
    // The responder's key is of its issuing CA's family, as its name says ("ocsp-rsa" had a P-256 key: issue 15);
    // RSA-2048 for a two-year responder certificate, cheaper to make than the CAs' 3072.
    await make(`ocsp-${family}`, "ocsp", family === "rsa" ? { type: "rsa", bits: 2048 } : { type: "ec", curve: "P-256" }, name(`Demo OCSP Responder ${family.toUpperCase()} 1`), 2, id);
  }
  await make("tsa", "tsa", { type: "ec", curve: "P-256" }, name("Demo Time Stamping Authority 1"), 5, `issuing-${families[0]}`);

  return assemble({ baseUrl: o.baseUrl, entities: [...byId.values()].map((e) => e.entity) }, byId);
}
