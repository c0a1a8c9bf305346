// One demo hierarchy per test file (RSA-3072 key generation is the slow part), keys in memory.
import { createHash, generateKeyPairSync } from "node:crypto";
import { children, contentOf, octetString, oid, readRoot, seq, tlv, NULL } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { createDemoHierarchy } from "@/ca/hierarchy/create-demo-hierarchy";
import { fixedClock, type Clock } from "@/ca/clock";
import { memoryKeyCustody } from "@/ca/keys/memory-key-custody";
import { derToPem } from "@/ca/asn1/certificate-parts";
import type { Hierarchy, LoadedEntity } from "@/ca/hierarchy/hierarchy";

export const BASE_URL = "http://pki.test.example";
export const T0 = new Date("2026-03-01T08:00:00Z");

export async function demoHierarchy(clock: Clock = fixedClock(T0)): Promise<Hierarchy> {
  return createDemoHierarchy({ custody: memoryKeyCustody(), clock, baseUrl: BASE_URL, crlShards: 2 });
}

export const pem = (der: Uint8Array) => derToPem(der, "CERTIFICATE");

/**
 * OCSP requests as RFC 5019 clients send them to `issuer`: the SHA-1 CertID of a serial (RFC 6960
 * 4.1.1: hashes of the issuer's name and public key bits), and a request without nonce or
 * extensions naming one or more serials.
 */
export function sha1OcspRequests(issuer: LoadedEntity) {
  const spki = issuer.parts.spki;
  const keyBits = contentOf(spki, children(spki, readRoot(spki))[1]!).subarray(1);
  const nameHash = createHash("sha1").update(issuer.parts.subjectName).digest();
  const keyHash = createHash("sha1").update(keyBits).digest();
  const certId = (serialHex: string) => seq(seq(oid(OID.sha1), NULL), octetString(nameHash), octetString(keyHash), tlv(0x02, Buffer.from(serialHex, "hex")));
  return { certId, request: (...serials: string[]) => seq(seq(seq(...serials.map((serial) => seq(certId(serial)))))) };
}

export function ecKey() {
  return generateKeyPairSync("ec", { namedCurve: "prime256v1" });
}

/** In-memory stand-ins for the callbacks the database provides later. */
export function memoryRegistry() {
  const serials = new Set<string>();
  const owners = new Map<string, string>();
  return {
    serials: {
      async reserve(issuerId: string, serialHex: string) {
        const k = `${issuerId}:${serialHex}`;
        if (serials.has(k)) return false;
        serials.add(k);
        return true;
      },
    },
    keyOwnership: { ownerOf: async (spkiSha256: string) => owners.get(spkiSha256) ?? null },
    recordOwner(spkiSha256: string, subscriberId: string) {
      owners.set(spkiSha256, subscriberId);
    },
    serialSet: serials,
  };
}
