import { beforeAll, describe, expect, it } from "vitest";
import { explicit, octetString, oid, seq, tlv, NULL } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { createOcspResponder, memoryOcspCache, type OcspCache } from "@/ca/ocsp/ocsp-responder";
import type { CertStatus } from "@/ca/ocsp/ocsp-response";
import { MEMO_MAX_REQUEST_LENGTH, requestMemo } from "@/ca/ocsp/request-memo";
import { T0, demoHierarchy, sha1OcspRequests } from "./helpers/fixture";

// answerFromCache: the responder's answer without a promise, which the server's hot path uses for
// nearly every request. It must be handleRequest's answer, byte for byte, or nothing (undefined:
// the server then calls handleRequest); never an answer handleRequest would not give.

let h: Hierarchy;
let request: (...serials: string[]) => Buffer;

beforeAll(async () => {
  h = await demoHierarchy();
  ({ request } = sha1OcspRequests(h.issuing.ec!));
});


function responder(opts: { now?: () => Date; status?: () => CertStatus; cache?: OcspCache; nonce?: boolean } = {}) {
  let signed = 0;
  const r = createOcspResponder({
    hierarchy: h,
    clock: { now: opts.now ?? (() => T0) },
    status: {
      statusOf: async (_issuer, serial) => {
        signed++;
        return serial.startsWith("0f") ? { status: "unknown" } : (opts.status?.() ?? { status: "good" });
      },
    },
    cache: opts.cache ?? memoryOcspCache(),
    nonce: opts.nonce,
    validitySeconds: 3600,
  });
  return { r, signedCount: () => signed };
}

describe("OCSP answerFromCache", () => {
  it("is nothing until a response is pre-signed, then handleRequest's very answer (POST and GET), with no signing", async () => {
    const { r, signedCount } = responder();
    expect(r.answerFromCache(request("0c01"))).toBeUndefined();
    const signed = await r.handleRequest(request("0c01"));
    const before = signedCount();
    const post = r.answerFromCache(request("0c01"))!;
    expect(post.body.equals(signed.body)).toBe(true);
    expect([post.status, post.outcome, post.headers]).toEqual([signed.status, signed.outcome, signed.headers]);
    const get = r.answerFromCache(encodeURIComponent(request("0c01").toString("base64")))!;
    const viaGet = await r.handleRequest(request("0c01").toString("base64"));
    expect(get.body.equals(viaGet.body)).toBe(true);
    expect(get.headers).toEqual(viaGet.headers);
    expect(get.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(signedCount()).toBe(before);
  });

  it("refuses what handleRequest refuses, from the bytes alone", async () => {
    const { r } = responder();
    for (const input of [Buffer.from("not der"), "%%%", Buffer.alloc(20_000, 0x30), "A".repeat(40_000)]) {
      const now = r.answerFromCache(input)!;
      const later = await r.handleRequest(input);
      expect([now.status, now.outcome, now.body.equals(later.body)]).toEqual([later.status, later.outcome, true]);
    }
    const foreign = seq(seq(seq(seq(seq(seq(oid(OID.sha1), NULL), octetString(Buffer.alloc(20, 1)), octetString(Buffer.alloc(20, 2)), tlv(0x02, Buffer.from([1])))))));
    expect(r.answerFromCache(foreign)?.outcome).toBe("unauthorized");
  });

  it("leaves to handleRequest what needs signing: several certificates, a nonce to echo, an unknown serial", async () => {
    const { r } = responder({ nonce: true });
    await r.handleRequest(request("0c02"));
    await r.handleRequest(request("0c03"));
    expect(r.answerFromCache(request("0c02", "0c03"))).toBeUndefined();
    await r.handleRequest(request("0f01"));
    expect(r.answerFromCache(request("0f01"))).toBeUndefined();
    // A real nonce (requestExtensions [2]): the pre-signed response cannot echo it, however often the
    // same request without it was answered, and however often this very request is asked.
    const { certId } = sha1OcspRequests(h.issuing.ec!);
    const withNonce = seq(seq(seq(seq(certId("0c02"))), explicit(2, seq(seq(oid(OID.ocspNonce), octetString(octetString(Buffer.alloc(16, 7))))))));
    for (let i = 0; i < 3; i++) expect(r.answerFromCache(request("0c02"))?.outcome).toBe("good");
    for (let i = 0; i < 2; i++) expect(r.answerFromCache(withNonce)).toBeUndefined();
    const echoed = await r.handleRequest(withNonce);
    expect(echoed.outcome).toBe("good");
    expect(echoed.body.includes(Buffer.alloc(16, 7))).toBe(true);
  });

  it("stops serving a response once its status changed, and past its refresh point", async () => {
    let status: CertStatus = { status: "good" };
    let now = T0;
    const { r } = responder({ now: () => now, status: () => status });
    await r.handleRequest(request("0c04"));
    expect(r.answerFromCache(request("0c04"))?.outcome).toBe("good");
    status = { status: "revoked", revokedAt: T0 };
    const change = r.onStatusChanged(h.issuing.ec!.entity.id, "0c04");
    // Dropped from the cache before the new response is signed: nothing meanwhile, never "good".
    expect(r.answerFromCache(request("0c04"))).toBeUndefined();
    await change;
    expect(r.answerFromCache(request("0c04"))?.outcome).toBe("revoked");
    // Half the validity (the default refresh point) later: handleRequest re-signs it.
    now = new Date(T0.getTime() + 1800_000);
    expect(r.answerFromCache(request("0c04"))).toBeUndefined();
  });

  it("leaves to handleRequest a cache that answers with a promise (a database behind it)", async () => {
    const memory = memoryOcspCache();
    const slow: OcspCache = { get: async (i, s) => memory.get(i, s), set: (e) => memory.set(e), delete: (i, s) => memory.delete(i, s) };
    const { r } = responder({ cache: slow });
    await r.handleRequest(request("0c05"));
    expect(r.answerFromCache(request("0c05"))).toBeUndefined();
    expect((await r.handleRequest(request("0c05"))).outcome).toBe("good");
  });

  it("remembers what a request asks, never its answer: a repeat is answered from the status of the moment, and GET text is not POST bytes", async () => {
    const { r } = responder();
    const der = request("0c06");
    const getPath = der.toString("base64");
    await r.handleRequest(der);
    for (let i = 0; i < 3; i++) {
      expect(r.answerFromCache(der)?.outcome).toBe("good");
      expect(r.answerFromCache(getPath)?.outcome).toBe("good");
    }
    // The GET form's characters sent as a POST body are not an OCSP request, however often the GET was answered.
    expect(r.answerFromCache(Buffer.from(getPath))?.outcome).toBe("malformedRequest");
    // A request for another serial differs in its bytes: its own lookup, its own (absent) answer.
    expect(r.answerFromCache(request("0c07"))).toBeUndefined();
  });
});

describe("OCSP request memo", () => {
  const asked = (serialHex: string) => ({ issuerId: "ca", serialHex, hash: "sha1" as const });
  const remember = (m: ReturnType<typeof requestMemo>, input: Buffer | string, serialHex: string) => {
    const r = m.recall(input);
    if ("hit" in r) throw new Error("already remembered");
    m.remember(input, r.key, asked(serialHex));
  };

  it("recalls the same bytes, keeps POST bytes and GET text apart, and forgets the oldest past its bound", () => {
    const m = requestMemo(2);
    remember(m, Buffer.from("abc"), "01");
    expect(m.recall(Buffer.from("abc"))).toEqual({ hit: asked("01") });
    expect("hit" in m.recall("abc")).toBe(false);
    remember(m, Buffer.from("def"), "02");
    remember(m, Buffer.from("ghi"), "03");
    expect("hit" in m.recall(Buffer.from("abc"))).toBe(false);
    expect(m.recall(Buffer.from("ghi"))).toEqual({ hit: asked("03") });
    expect(m.size()).toBe(2);
  });

  it("never remembers a request longer than a single-CertID one", () => {
    const m = requestMemo();
    const long = Buffer.alloc(MEMO_MAX_REQUEST_LENGTH + 1, 0x30);
    remember(m, long, "01");
    remember(m, "A".repeat(MEMO_MAX_REQUEST_LENGTH + 1), "02");
    expect(m.size()).toBe(0);
    expect("hit" in m.recall(long)).toBe(false);
  });
});

