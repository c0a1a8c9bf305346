import { describe, expect, it } from "vitest";
import { matchPkiRoute } from "@/server/pki-server/pki-route";

describe("matchPkiRoute (which requests the lean path answers)", () => {
  it("names the PKI endpoints the CA writes into certificates", () => {
    expect(matchPkiRoute("POST", "/pki/ocsp")).toEqual({ kind: "ocsp-post" });
    expect(matchPkiRoute("POST", "/pki/ocsp/")).toEqual({ kind: "ocsp-post" });
    // RFC 5019 GET: the whole rest of the path, "/" and "%2B" included, is the request (the engine decodes it).
    expect(matchPkiRoute("GET", "/pki/ocsp/MFQw/jBQ%2BTjA")).toEqual({ kind: "ocsp-get", request: "MFQw/jBQ%2BTjA" });
    expect(matchPkiRoute("GET", "/pki/crl/issuing-ec/0.crl?x=1")).toEqual({ kind: "crl", caId: "issuing-ec", file: "0.crl" });
    expect(matchPkiRoute("GET", "/pki/ca/issuing%2Dec.cer")).toEqual({ kind: "ca", file: "issuing-ec.cer" });
    expect(matchPkiRoute("POST", "/pki/tsa")).toEqual({ kind: "tsa" });
  });

  it("answers other methods with 405 and what is allowed", () => {
    expect(matchPkiRoute("GET", "/pki/ocsp")).toEqual({ kind: "method-not-allowed", allow: "POST" });
    expect(matchPkiRoute("HEAD", "/pki/ocsp/MFQw")).toEqual({ kind: "method-not-allowed", allow: "GET" });
    expect(matchPkiRoute("PUT", "/pki/ocsp/")).toEqual({ kind: "method-not-allowed", allow: "GET, POST" });
    expect(matchPkiRoute("HEAD", "/pki/crl/issuing-ec/0.crl")).toEqual({ kind: "method-not-allowed", allow: "GET" });
    expect(matchPkiRoute("DELETE", "/pki/ca/root.cer")).toEqual({ kind: "method-not-allowed", allow: "GET" });
    expect(matchPkiRoute("GET", "/pki/tsa")).toEqual({ kind: "method-not-allowed", allow: "POST" });
  });

  it("leaves everything else to Next (null), undecodable names included as raw text", () => {
    for (const target of ["/pki/cps", "/pki/", "/pki/crl/issuing-ec", "/pki/crl/a/b/c.crl", "/pkix/ocsp", "/api/health", "http://evil/pki/ocsp", "/pki/ocspx"]) {
      expect(matchPkiRoute("GET", target)).toBeNull();
    }
    expect(matchPkiRoute(undefined, "/pki/ocsp")).toBeNull();
    expect(matchPkiRoute("GET", "/pki/ca/%E0%A4%A.cer")).toEqual({ kind: "ca", file: "%E0%A4%A.cer" });
  });
});
