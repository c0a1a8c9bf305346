import { beforeAll, describe, expect, it } from "vitest";
import { octetString, oid, seq, tlv, NULL } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { createOcspResponder, memoryOcspCache } from "@/ca/ocsp/ocsp-responder";
import type { CertStatus } from "@/ca/ocsp/ocsp-response";
import { T0, demoHierarchy, sha1OcspRequests } from "./helpers/fixture";

// The outcome the responder reports beside each answer (issue 16 item 6: /metrics counts OCSP
// answers by what they said), known without parsing the signed bytes again: from the status it
// signed, kept with the pre-signed response, so an answer from the cache says it too.

let h: Hierarchy;
let request: (...serials: string[]) => Buffer;

beforeAll(async () => {
  h = await demoHierarchy();
  ({ request } = sha1OcspRequests(h.issuing.ec!));
});

const STATUS: Record<string, CertStatus> = {
  "0a01": { status: "good" },
  "0a02": { status: "revoked", revokedAt: T0, reason: "keyCompromise" },
};

function responder() {
  return createOcspResponder({
    hierarchy: h,
    clock: { now: () => T0 },
    status: { statusOf: async (_issuer, serial) => STATUS[serial] ?? { status: "unknown" } },
    cache: memoryOcspCache(),
  });
}

describe("OCSP answer outcome", () => {
  it("names the certificate status, signed fresh and again from the cache, over POST and GET", async () => {
    const r = responder();
    for (const [serial, outcome] of [["0a01", "good"], ["0a02", "revoked"], ["0a03", "unknown"]] as const) {
      const fresh = await r.handleRequest(request(serial));
      const again = await r.handleRequest(request(serial));
      const viaGet = await r.handleRequest(request(serial).toString("base64"));
      expect([fresh.outcome, again.outcome, viaGet.outcome], serial).toEqual([outcome, outcome, outcome]);
    }
  });

  it("follows a status change: the re-signed response says revoked", async () => {
    const status: { s: CertStatus } = { s: { status: "good" } };
    const r = createOcspResponder({ hierarchy: h, clock: { now: () => T0 }, status: { statusOf: async () => status.s }, cache: memoryOcspCache() });
    expect((await r.handleRequest(request("0b01"))).outcome).toBe("good");
    status.s = { status: "revoked", revokedAt: T0 };
    await r.onStatusChanged(h.issuing.ec!.entity.id, "0b01");
    expect((await r.handleRequest(request("0b01"))).outcome).toBe("revoked");
  });

  it("names the error status of a refused request, and 'multiple' for several certificates", async () => {
    const r = responder();
    expect((await r.handleRequest(Buffer.from("not der"))).outcome).toBe("malformedRequest");
    expect((await r.handleRequest("%%%")).outcome).toBe("malformedRequest");
    const tooLarge = await r.handleRequest(Buffer.alloc(20_000, 0x30));
    expect([tooLarge.status, tooLarge.outcome]).toEqual([413, "malformedRequest"]);
    // A CertID of an issuer this responder does not serve.
    const foreign = seq(seq(seq(seq(seq(seq(oid(OID.sha1), NULL), octetString(Buffer.alloc(20, 1)), octetString(Buffer.alloc(20, 2)), tlv(0x02, Buffer.from([1])))))));
    expect((await r.handleRequest(foreign)).outcome).toBe("unauthorized");
    expect((await r.handleRequest(request("0a01", "0a02"))).outcome).toBe("multiple");
  });
});
