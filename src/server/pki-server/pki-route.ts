/**
 * Which PKI answer an HTTP request asks for, from its method and raw request target alone (no
 * body, no I/O), so the fast path can decide synchronously whether the request is its own before
 * anything reads the body. The paths are the ones the CA writes into certificates
 * (src/ca/hierarchy/pki-urls.ts): AIA caIssuers, CRL distribution points, OCSP and TSA. Anything
 * else under /pki/ (the CPS pointer, a mistyped path) is left to Next, which serves it as before.
 */
export type PkiRoute =
  | { kind: "ocsp-post" }
  | { kind: "ocsp-get"; request: string }
  | { kind: "crl"; caId: string; file: string }
  | { kind: "ca"; file: string }
  | { kind: "tsa" }
  /** A PKI path asked with a method it does not answer: 405 with Allow. */
  | { kind: "method-not-allowed"; allow: string };

const OCSP = "/pki/ocsp";
const CRL = /^\/pki\/crl\/([^/]+)\/([^/]+)$/;
const CA = /^\/pki\/ca\/([^/]+)$/;

/** A path segment decoded like Next decodes route parameters; undecodable text is kept raw (the name check refuses it). */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const only = (method: string, allowed: string, route: PkiRoute): PkiRoute => (method === allowed ? route : { kind: "method-not-allowed", allow: allowed });

/** null: not a PKI path this server answers (the caller hands the request on, or answers 404). */
export function matchPkiRoute(method: string | undefined, target: string | undefined): PkiRoute | null {
  if (!method || !target || !target.startsWith("/pki/")) return null;
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  if (path === OCSP) return only(method, "POST", { kind: "ocsp-post" });
  if (path.startsWith(`${OCSP}/`)) {
    // RFC 5019 GET: the rest of the path is the URL-encoded base64 request, "/" included; the
    // engine decodes it. "/pki/ocsp/" alone is also where a client may POST (Next redirects it).
    const request = path.slice(OCSP.length + 1);
    if (method === "GET") return { kind: "ocsp-get", request };
    if (method === "POST" && request === "") return { kind: "ocsp-post" };
    return { kind: "method-not-allowed", allow: request === "" ? "GET, POST" : "GET" };
  }
  if (path === "/pki/tsa") return only(method, "POST", { kind: "tsa" });
  const crl = CRL.exec(path);
  if (crl) return only(method, "GET", { kind: "crl", caId: segment(crl[1]!), file: segment(crl[2]!) });
  const ca = CA.exec(path);
  if (ca) return only(method, "GET", { kind: "ca", file: segment(ca[1]!) });
  return null;
}
