// The parsers' bounds (src/ca/asn1/limits.ts), and the original attack of issue 12: an OID of a few
// hundred KB inside a CMS signature or a CSR, which used to hold the event loop for minutes.
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeOid, explicit, header, integer, NULL, octetString, oid, readRoot, seq, setOf, tlv } from "@/ca/asn1/der";
import { CMS_LIMITS, OID_LIMITS, STRUCTURE_LIMITS } from "@/ca/asn1/limits";
import { OID } from "@/ca/asn1/oids";
import { parseCsr } from "@/ca/issuance/parse-csr";
import { issuerKeyAllowed } from "@/ca/verify/verify-certificate";
import { verifyCms } from "@/ca/verify/verify-cms";
import { verifyTimestampToken } from "@/ca/verify/verify-timestamp";
import { createDemoHierarchy } from "@/ca/hierarchy/create-demo-hierarchy";
import { memoryKeyCustody } from "@/ca/keys/memory-key-custody";
import { fixedClock } from "@/ca/clock";
import { createTimestampAuthority } from "@/ca/tsa/timestamp-authority";
import { derToPem } from "@/ca/asn1/certificate-parts";

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  return "accepted";
};
/** An OID element whose content is `bytes` long: one endless arc, as the attack sent it. */
const hugeOid = (bytes: number) => tlv(0x06, Buffer.concat([Buffer.alloc(bytes - 1, 0xff), Buffer.from([0x7f])]));
const arcs = (n: number) => ["1", "2", ...Array.from({ length: n - 2 }, (_, i) => String(i + 1))].join(".");
/** `depth` SEQUENCEs around a NULL, headers computed from the inside out (no copy per level). */
function nest(depth: number): Buffer {
  const headers: Buffer[] = [];
  let len = NULL.length;
  for (let i = 0; i < depth; i++) {
    const h = header(0x30, len);
    headers.push(h);
    len += h.length;
  }
  return Buffer.concat([...headers.reverse(), NULL]);
}
/** The time a call takes, in ms, with its result. */
async function timed<T>(f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}
const ctx = { anchors: [] };
/** Refusal is microseconds of work; the margin is for a loaded test machine. */
const WELL_UNDER_MS = 100;
const AT = new Date("2026-03-01T00:00:00Z");
/** ContentInfo { signedData, [0] SignedData { v1, digestAlgs, encap, [0] certs, signerInfos } } around the given parts. */
function signedData(o: { eContentType?: Buffer; certificates?: Buffer[]; signers?: Buffer[] }) {
  const sd = seq(
    integer(1),
    setOf(seq(oid(OID.sha256))),
    seq(o.eContentType ?? oid(OID.data)),
    ...(o.certificates ? [explicit(0, ...o.certificates)] : []),
    setOf(...(o.signers ?? [])),
  );
  return seq(oid(OID.signedData), explicit(0, sd));
}

describe("OID decoder bounds", () => {
  it.each([
    ["a real OID", oid(OID.signingCertificateV2).subarray(2), "accepted"],
    ["the CA's own policy OID (2.25.<UUID>, a 128-bit arc)", oid("2.25.235264436837098558445729401587602176676").subarray(2), "accepted"],
    [`${OID_LIMITS.maxArcs} arcs`, oid(arcs(OID_LIMITS.maxArcs)).subarray(2), "accepted"],
    [`${OID_LIMITS.maxArcs + 1} arcs`, oid(arcs(OID_LIMITS.maxArcs + 1)).subarray(2), "DER_MALFORMED: Malformed DER: OID with more than 32 arcs"],
    ["an arc of 2^128", oid(`1.2.${1n << 128n}`).subarray(2), "DER_MALFORMED: Malformed DER: OID arc larger than 2^128 - 1"],
    ["an arc of 2^128 - 1", oid(`1.2.${(1n << 128n) - 1n}`).subarray(2), "accepted"],
    ["129 content bytes", hugeOid(129).subarray(2), "DER_MALFORMED: Malformed DER: OID longer than 128 bytes"],
    ["empty", Buffer.alloc(0), "DER_MALFORMED: Malformed DER: empty OID"],
    ["an arc that never ends", Buffer.from([0x2a, 0x86]), "DER_MALFORMED: Malformed DER: OID ends inside an arc"],
    ["a non-minimal arc (leading 0x80)", Buffer.from([0x2a, 0x80, 0x01]), "DER_MALFORMED: Malformed DER: OID arc not minimally encoded"],
  ])("%s", (_, content, expected) => {
    expect(code(() => decodeOid(content))).toBe(expected);
  });

  it("decodes what oid() encodes", () => {
    for (const dotted of [OID.sha256, "2.999.3", "2.25.235264436837098558445729401587602176676", arcs(32)]) expect(decodeOid(oid(dotted).subarray(2))).toBe(dotted);
  });

  it("caches only the engine's own OIDs: an OID from an input is encoded afresh every time", () => {
    expect(oid(OID.sha256)).toBe(oid(OID.sha256));
    const foreign = "1.3.6.1.4.1.99999.1.2.3";
    expect(oid(foreign)).not.toBe(oid(foreign));
    expect(oid(foreign)).toEqual(oid(foreign));
  });
});

describe("structure bounds, checked by readRoot before anything is decoded", () => {
  const { maxDepth, maxElements } = STRUCTURE_LIMITS.default;
  it("nesting: the limit is accepted, one more level refused", () => {
    expect(code(() => readRoot(nest(maxDepth)))).toBe("accepted");
    expect(code(() => readRoot(nest(maxDepth + 1)))).toBe(`DER_MALFORMED: Malformed DER: nested deeper than ${maxDepth} levels`);
  });
  it("element count: the limit is accepted, one more element refused", () => {
    expect(code(() => readRoot(seq(...Array.from({ length: maxElements - 1 }, () => NULL))))).toBe("accepted");
    expect(code(() => readRoot(seq(...Array.from({ length: maxElements }, () => NULL))))).toBe(`DER_MALFORMED: Malformed DER: more than ${maxElements} elements`);
  });
  it("an over-long OID anywhere in the structure, even where no parser reads it", () => {
    expect(code(() => readRoot(seq(seq(NULL), seq(hugeOid(129)))))).toBe("DER_MALFORMED: Malformed DER: OID longer than 128 bytes");
  });
  it("50,000 levels of nesting cost no stack and little time", async () => {
    const deep = nest(50_000);
    const r = await timed(() => code(() => readRoot(deep, { maxDepth: 100_000, maxElements: 100_000 })));
    expect(r.value).toBe("accepted");
    expect(r.ms).toBeLessThan(200);
  });
});

describe("CMS counts, refused before an embedded certificate is parsed", () => {
  it(`more than ${CMS_LIMITS.maxCertificates} embedded certificates`, async () => {
    const cms = signedData({ certificates: Array.from({ length: CMS_LIMITS.maxCertificates + 1 }, () => seq(NULL)) });
    const v = await verifyCms({ cms, content: Buffer.from("x"), at: AT }, ctx);
    expect(v.checks).toEqual([expect.objectContaining({ id: "structure", outcome: "fail", reason: "malformed", detail: expect.stringContaining("more than 10 embedded certificates") })]);
  });
  it(`more than ${CMS_LIMITS.maxSigners} signer infos`, async () => {
    const cms = signedData({ signers: Array.from({ length: CMS_LIMITS.maxSigners + 1 }, (_, i) => seq(integer(i))) });
    const v = await verifyCms({ cms, at: AT }, ctx);
    expect(v.checks[0]).toMatchObject({ reason: "malformed", detail: expect.stringContaining("more than 8 signer infos") });
  });
});

describe("chain building checks signatures only with keys worth checking", () => {
  it("RSA with a normal exponent and EC keys yes; an exponent as long as the modulus, or above 2^32, no", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    expect(issuerKeyAllowed(rsa)).toBe(true);
    expect(issuerKeyAllowed(generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey)).toBe(true);
    const { n } = rsa.export({ format: "jwk" });
    const modulus = Buffer.from(n!, "base64url");
    const longExponent = Buffer.from(modulus);
    longExponent[0] = longExponent[0]! >> 1; // below the modulus, so OpenSSL takes it
    longExponent[longExponent.length - 1]! |= 1;
    const withExponent = (e: Buffer) => createPublicKey({ key: { kty: "RSA", n: n!, e: e.toString("base64url") }, format: "jwk" });
    expect(issuerKeyAllowed(withExponent(longExponent))).toBe(false);
    expect(issuerKeyAllowed(withExponent(Buffer.from("0100000001", "hex")))).toBe(false);
    expect(issuerKeyAllowed(withExponent(Buffer.from("010001", "hex")))).toBe(true);
  });
});

describe("the original attack: an OID of a few hundred KB", () => {
  it("inside a CMS signature: refused in well under 200 ms", async () => {
    const attacks = [signedData({ eContentType: hugeOid(300_000) }), seq(hugeOid(400_000), explicit(0, seq(NULL)))];
    for (const cms of attacks) {
      const r = await timed(() => verifyCms({ cms, content: Buffer.from("x"), at: AT }, ctx));
      expect(r.value.overall).toBe("invalid");
      expect(r.value.checks[0]).toMatchObject({ id: "structure", reason: "malformed", detail: expect.stringContaining("OID longer than 128 bytes") });
      expect(r.ms).toBeLessThan(WELL_UNDER_MS);
    }
  });

  it("inside a timestamp token: refused in well under 200 ms", async () => {
    const token = signedData({ eContentType: hugeOid(250_000) });
    const r = await timed(() => verifyTimestampToken(token, { data: Buffer.from("x") }, ctx));
    expect(r.value.checks[0]).toMatchObject({ reason: "malformed", detail: expect.stringContaining("OID longer than 128 bytes") });
    expect(r.ms).toBeLessThan(WELL_UNDER_MS);
  });

  it("inside a CSR: refused by size when large, by the OID bound when it fits", async () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const spki = publicKey.export({ type: "spki", format: "der" });
    const csr = (o: Buffer) => seq(seq(integer(0), seq(), spki, explicit(0)), seq(o), tlv(0x03, Buffer.from([0, 1, 2])));
    const bigPem = derToPem(csr(hugeOid(300_000)), "CERTIFICATE REQUEST");
    const fitting = csr(hugeOid(15_000));
    const big = await timed(() => code(() => parseCsr(bigPem)));
    expect(big.value).toBe("INPUT_TOO_LARGE: certificate request larger than 16384 bytes");
    const fits = await timed(() => code(() => parseCsr(fitting)));
    expect(fits.value).toBe("CSR_MALFORMED: certificate request: Malformed DER: OID longer than 128 bytes");
    expect(big.ms + fits.ms).toBeLessThan(WELL_UNDER_MS);
  });

  it("inside a TSA request: answered badDataFormat", async () => {
    const h = await createDemoHierarchy({ custody: memoryKeyCustody(), clock: fixedClock(AT), baseUrl: "http://pki.limits.test", families: ["ec"] });
    const tsa = createTimestampAuthority({ hierarchy: h, clock: fixedClock(AT), policyOid: "1.2.3.4" });
    const req = seq(integer(1), seq(seq(hugeOid(3000)), octetString(Buffer.alloc(32))));
    const r = await timed(() => tsa.handleTimestampRequest(req));
    // PKIStatus rejection (2) with failInfo badDataFormat (bit 5)
    expect(r.value.body.toString("hex")).toBe("3009300702010203020204");
    expect(r.ms).toBeLessThan(WELL_UNDER_MS);
  });
});
