import { describe, expect, it } from "vitest";
import { INPUT_SIZE_LIMITS } from "@/ca/asn1/limits";
import { OCSP_REQUEST_LIMITS } from "@/ca/ocsp/ocsp-request";
import { readBodyPrefix, readOcspBody, readTsaBody } from "@/server/ca-service/pki-http";

// POST /pki/ocsp and /pki/tsa once buffered the whole body (req.arrayBuffer()) before the responder's size check.
function endlessBody(chunk = 64 * 1024) {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled++;
      c.enqueue(new Uint8Array(chunk).fill(0x30));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { req: new Request("http://x/pki/ocsp", { method: "POST", body, duplex: "half" } as RequestInit), pulled: () => pulled, cancelled: () => cancelled };
}

describe("readBodyPrefix", () => {
  it("reads no more than the limit of an endless body and cancels the rest", async () => {
    const s = endlessBody();
    const got = await readOcspBody(s.req);
    expect(got.length).toBe(OCSP_REQUEST_LIMITS.maxBytes + 1); // one past the limit: the responder answers 413
    expect(s.pulled()).toBeLessThanOrEqual(3);
    expect(s.cancelled()).toBe(true);
  });

  it("reads a timestamp request only to one byte past the authority's limit", async () => {
    const s = endlessBody(1024);
    const got = await readTsaBody(s.req);
    expect(got.length).toBe(INPUT_SIZE_LIMITS.tsaRequest + 1);
    expect(s.pulled()).toBeLessThanOrEqual(Math.ceil((INPUT_SIZE_LIMITS.tsaRequest + 1) / 1024) + 1);
    expect(s.cancelled()).toBe(true);
  });

  it("returns a small body whole, and an empty one empty", async () => {
    const small = new Request("http://x", { method: "POST", body: new Uint8Array([1, 2, 3]) });
    expect([...(await readBodyPrefix(small, 10))]).toEqual([1, 2, 3]);
    expect((await readBodyPrefix(new Request("http://x", { method: "POST" }), 10)).length).toBe(0);
    const exact = new Request("http://x", { method: "POST", body: new Uint8Array(10) });
    expect((await readBodyPrefix(exact, 10)).length).toBe(10);
  });
});
