// One demo hierarchy per test file (RSA-3072 key generation is the slow part), keys in memory.
import { generateKeyPairSync } from "node:crypto";
import { createDemoHierarchy } from "@/ca/hierarchy/create-demo-hierarchy";
import { fixedClock, type Clock } from "@/ca/clock";
import { memoryKeyCustody } from "@/ca/keys/memory-key-custody";
import { derToPem } from "@/ca/asn1/certificate-parts";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";

export const BASE_URL = "http://pki.test.example";
export const T0 = new Date("2026-03-01T08:00:00Z");

export async function demoHierarchy(clock: Clock = fixedClock(T0)): Promise<Hierarchy> {
  return createDemoHierarchy({ custody: memoryKeyCustody(), clock, baseUrl: BASE_URL, crlShards: 2 });
}

export const pem = (der: Uint8Array) => derToPem(der, "CERTIFICATE");

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
