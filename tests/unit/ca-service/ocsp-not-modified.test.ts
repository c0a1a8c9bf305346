import { describe, expect, it } from "vitest";
import { ifNoneMatchMatches, notModifiedIfMatching, toResponse, type PkiHttpResponse } from "@/server/ca-service/pki-http";

const ETAG = `"${"ab".repeat(20)}"`;
const answer = (headers: Record<string, string>): PkiHttpResponse => ({
  status: 200,
  headers: { "content-type": "application/ocsp-response", ...headers },
  body: Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x00]),
  outcome: "good",
});
const cacheable = answer({ "cache-control": "public, max-age=60, no-transform, must-revalidate", etag: ETAG, "last-modified": "Mon, 01 Dec 2026 00:00:00 GMT", expires: "Mon, 01 Dec 2026 00:01:00 GMT" });

describe("If-None-Match on the OCSP GET answer", () => {
  it.each([
    ["the tag itself", ETAG, true],
    ["the weak form (weak comparison)", `W/${ETAG}`, true],
    ["in a list", `"x", ${ETAG} ,"y"`, true],
    ["any (*)", "*", true],
    ["another tag", '"x"', false],
    ["the tag without quotes", ETAG.slice(1, -1), false],
    ["empty", "", false],
    ["a list past the bound, even with the tag", `${'"x",'.repeat(300)}${ETAG}`, false],
  ])("%s", (_what, header, matches) => {
    expect(ifNoneMatchMatches(header, ETAG)).toBe(matches);
  });

  it("a match is 304 with the caching headers only and no body; the outcome stays", () => {
    const r = notModifiedIfMatching(cacheable, ETAG);
    expect(r.status).toBe(304);
    expect(r.body.byteLength).toBe(0);
    expect(r.outcome).toBe("good");
    expect(r.headers).toEqual({ "cache-control": cacheable.headers["cache-control"], etag: ETAG, "last-modified": cacheable.headers["last-modified"], expires: cacheable.headers.expires });
  });

  it("no ETag (POST, malformedRequest) or not a 200: the answer as it is", () => {
    const post = answer({ "cache-control": "no-store" });
    expect(notModifiedIfMatching(post, "*")).toBe(post);
    const failed: PkiHttpResponse = { ...cacheable, status: 503 };
    expect(notModifiedIfMatching(failed, ETAG)).toBe(failed);
    expect(notModifiedIfMatching(cacheable, '"x"')).toBe(cacheable);
  });

  it("becomes a web Response with a null body (Next's route handler)", async () => {
    const r = toResponse(notModifiedIfMatching(cacheable, ETAG));
    expect(r.status).toBe(304);
    expect(r.body).toBeNull();
    expect(r.headers.get("etag")).toBe(ETAG);
  });
});
