import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NULL, children, contentOf, explicit, implicitPrimitive, octetString, oid, readRoot, seq, tlv, utf8 } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { fixedClock } from "@/ca/clock";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { OCSP_REQUEST_LIMITS, encodeCertId, parseOcspRequest } from "@/ca/ocsp/ocsp-request";
import { createOcspResponder, memoryOcspCache, type OcspResponder } from "@/ca/ocsp/ocsp-responder";
import type { CertStatus } from "@/ca/ocsp/ocsp-response";
import { T0, demoHierarchy } from "./helpers/fixture";

// Byte variants of one CertID: the responder once cached (and recorded) a response per raw CertID,
// so one public serial could be made to fill memory and the database, and a revocation re-signed
// every variant before the new status was served. Now every variant is either refused as
// malformedRequest or answered from the one entry for the certificate and hash algorithm.

const MALFORMED = Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x01]);
const UNAUTHORIZED = Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x06]);
const SERIAL = "7b2c9e0f11aa"; // high bit clear: no sign byte
const HIGH_SERIAL = "9f00112233"; // high bit set: DER needs one 00 in front
let h: Hierarchy;
let issuerId: string;
const statuses = new Map<string, CertStatus>();
let signatures = 0;
const hashes: Record<"sha1" | "sha256", { nameHash: Buffer; keyHash: Buffer }> = {} as never;

const int = (hex: string) => tlv(0x02, Buffer.from(hex, "hex"));
const alg = (name: "sha1" | "sha256", params: Buffer[] = [NULL]) => seq(oid(OID[name]), ...params);
function certId(o: { hash?: "sha1" | "sha256"; alg?: Buffer; serial?: Buffer; extra?: Buffer[] } = {}): Buffer {
  const hash = o.hash ?? "sha1";
  return seq(o.alg ?? alg(hash), octetString(hashes[hash].nameHash), octetString(hashes[hash].keyHash), o.serial ?? int(SERIAL), ...(o.extra ?? []));
}
const ext = (id: string, value: Buffer, critical = false) => seq(oid(id), ...(critical ? [Buffer.from([0x01, 0x01, 0xff])] : []), octetString(value));
function request(ids: Buffer[], o: { tbsPrefix?: Buffer[]; exts?: Buffer[]; single?: Buffer[] } = {}): Buffer {
  const list = seq(...ids.map((id) => seq(id, ...(o.single ? [explicit(0, seq(...o.single))] : []))));
  return seq(seq(...(o.tbsPrefix ?? []), list, ...(o.exts ? [explicit(2, seq(...o.exts))] : [])));
}
/** The same element with its (short) length in long form, 81 nn: BER, not DER. */
function longForm(element: Buffer): Buffer {
  if (element[1]! >= 0x80) throw new Error("already long");
  return Buffer.concat([element.subarray(0, 1), Buffer.from([0x81, element[1]!]), element.subarray(2)]);
}

function newResponder(cache = memoryOcspCache()): { r: OcspResponder; cache: ReturnType<typeof memoryOcspCache> } {
  return { r: createOcspResponder({ hierarchy: h, clock: fixedClock(T0), status: { statusOf: async (i, s) => statuses.get(`${i}/${s}`) ?? { status: "unknown" } }, cache }), cache };
}

beforeAll(async () => {
  h = await demoHierarchy();
  const issuer = h.issuing.ec!;
  issuerId = issuer.entity.id;
  const spki = issuer.parts.spki;
  const keyBits = contentOf(spki, children(spki, readRoot(spki))[1]!).subarray(1);
  for (const name of ["sha1", "sha256"] as const) {
    hashes[name] = { nameHash: createHash(name).update(issuer.parts.subjectName).digest(), keyHash: createHash(name).update(keyBits).digest() };
  }
  statuses.set(`${issuerId}/${SERIAL}`, { status: "good" });
  statuses.set(`${issuerId}/${HIGH_SERIAL}`, { status: "good" });
  const signer = h.ocspSigners.get(issuerId)!.signer as { sign: (d: Uint8Array | readonly Uint8Array[]) => Promise<Buffer> };
  const sign = signer.sign.bind(signer);
  signer.sign = async (d) => {
    signatures++;
    return sign(d);
  };
});

/** 100 requests for the same certificate (SHA-1 CertID), each a different byte string. */
function variants(): Array<{ name: string; der: Buffer; ok: boolean }> {
  const out: Array<{ name: string; der: Buffer; ok: boolean }> = [];
  const add = (name: string, der: Buffer, ok: boolean) => out.push({ name, der, ok });
  add("canonical", request([certId()]), true);
  add("parameters absent", request([certId({ alg: alg("sha1", []) })]), true);
  for (let i = 0; i < 30; i++) add(`nonce ${i}`, request([certId()], { exts: [ext(OID.ocspNonce, octetString(Buffer.from([i, 1, 2, 3, 4, 5, 6, 7])))] }), true);
  for (let i = 0; i < 15; i++) add(`single request extension ${i}`, request([certId()], { single: [ext(`1.3.6.1.4.1.99999.${i}`, Buffer.from([i]))] }), true);
  for (let i = 0; i < 15; i++) add(`requestorName ${i}`, request([certId()], { tbsPrefix: [explicit(1, implicitPrimitive(2, Buffer.from(`r${i}.example`)))] }), true);
  for (let i = 1; i <= 5; i++) add(`serial with ${i} leading zero(s)`, request([certId({ serial: tlv(0x02, Buffer.alloc(i), Buffer.from(SERIAL, "hex")) })]), false);
  add("negative serial", request([certId({ serial: int("ff" + SERIAL) })]), false);
  add("serial longer than 20 octets", request([certId({ serial: int("01" + "00".repeat(20)) })]), false);
  const badParams = [octetString(Buffer.from([1])), Buffer.from([0x05, 0x01, 0x00]), utf8("x"), seq(), oid(OID.sha1)];
  badParams.forEach((p, i) => add(`parameters other than NULL ${i}`, request([certId({ alg: alg("sha1", [p]) })]), false));
  add("NULL and more parameters", request([certId({ alg: alg("sha1", [NULL, NULL]) })]), false);
  for (let i = 0; i < 5; i++) add(`extra CertID element ${i}`, request([certId({ extra: [int(`0${i}`)] })]), false);
  for (let i = 1; i <= 5; i++) add(`${i} trailing byte(s)`, Buffer.concat([request([certId()]), Buffer.alloc(i)]), false);
  const canonical = request([certId()]);
  add("long-form length: OCSPRequest", longForm(canonical), false);
  add("long-form length: CertID", request([longForm(certId())]), false);
  add("long-form length: hashAlgorithm", request([certId({ alg: longForm(alg("sha1")) })]), false);
  add("long-form length: serialNumber", request([certId({ serial: longForm(int(SERIAL)) })]), false);
  add("explicit version v1 (a DEFAULT, never encoded in DER)", request([certId()], { tbsPrefix: [explicit(0, int("00"))] }), false);
  add("extra element in Request", seq(seq(seq(seq(certId(), int("01"))))), false);
  add("extra element in TBSRequest", seq(seq(seq(seq(certId())), int("01"))), false);
  add("extra element in OCSPRequest", seq(seq(seq(seq(certId()))), int("01")), false);
  add("critical FALSE encoded", request([certId()], { exts: [seq(oid(OID.ocspNonce), Buffer.from([0x01, 0x01, 0x00]), octetString(Buffer.from([4, 1, 9])))] }), false);
  add("duplicate nonce", request([certId()], { exts: [ext(OID.ocspNonce, Buffer.from([4, 1, 1])), ext(OID.ocspNonce, Buffer.from([4, 1, 2]))] }), false);
  add("nonce longer than RFC 8954 allows", request([certId()], { exts: [ext(OID.ocspNonce, octetString(Buffer.alloc(40, 7)))] }), false);
  add("BER indefinite length", Buffer.concat([Buffer.from([0x30, 0x80]), canonical.subarray(2), Buffer.from([0, 0])]), false);
  add("constructed OCTET STRING", request([seq(alg("sha1"), tlv(0x24, octetString(hashes.sha1.nameHash)), octetString(hashes.sha1.keyHash), int(SERIAL))]), false);
  add(`more than ${OCSP_REQUEST_LIMITS.maxCertIds} CertIDs`, request(Array.from({ length: OCSP_REQUEST_LIMITS.maxCertIds + 1 }, () => certId())), false);
  add("OID arc with a leading 0x80", request([certId({ alg: seq(tlv(0x06, Buffer.from([0x2b, 0x80, 0x0e, 0x03, 0x02, 0x1a])), NULL) })]), false);
  while (out.length < 100) add(`nonce extra ${out.length}`, request([certId()], { exts: [ext(OID.ocspNonce, octetString(Buffer.from(`n${out.length}`)))] }), true);
  return out;
}

describe("canonical OCSP CertID", () => {
  it("100 byte variants of one CertID make one cache entry with one response, or are refused", async () => {
    const { r, cache } = newResponder();
    const all = variants();
    expect(all).toHaveLength(100);
    expect(new Set(all.map((v) => v.der.toString("hex"))).size).toBe(100);
    const before = signatures;
    let first: Buffer | undefined;
    for (const v of all) {
      const res = await r.handleRequest(v.der);
      expect(res.status, v.name).toBeLessThan(500);
      if (!v.ok) {
        expect(res.body.equals(MALFORMED), v.name).toBe(true);
        continue;
      }
      first ??= res.body;
      expect(res.body.equals(first), v.name).toBe(true); // the pre-signed response, not a new one
    }
    expect(signatures - before).toBe(1);
    expect(cache.size()).toBe(1);
    const entry = (await cache.get(issuerId, SERIAL))!;
    expect(Object.keys(entry.responses)).toEqual(["sha1"]);
    // the CertID in the response is the canonical one (NULL parameters), even for the variant without
    const canonicalId = encodeCertId("sha1", hashes.sha1.nameHash, hashes.sha1.keyHash, SERIAL);
    expect(first!.includes(canonicalId)).toBe(true);
  });

  it("a revocation re-signs one response per hash algorithm, however many variants were asked", async () => {
    const { r, cache } = newResponder();
    for (const v of variants()) await r.handleRequest(v.der);
    await r.handleRequest(request([certId({ hash: "sha256" })]));
    expect(Object.keys((await cache.get(issuerId, SERIAL))!.responses).sort()).toEqual(["sha1", "sha256"]);
    statuses.set(`${issuerId}/${SERIAL}`, { status: "revoked", revokedAt: T0, reason: "keyCompromise" });
    try {
      const before = signatures;
      await r.onStatusChanged(issuerId, SERIAL);
      expect(signatures - before).toBe(2);
      const revoked = await r.handleRequest(request([certId()], { exts: [ext(OID.ocspNonce, octetString(Buffer.from("x")))] }));
      // certStatus revoked [1] with the revocation time, from the cache (no new signature)
      expect(revoked.body.includes(Buffer.from([0xa1, 0x16, 0x18, 0x0f]))).toBe(true);
      expect(signatures - before).toBe(2);
    } finally {
      statuses.set(`${issuerId}/${SERIAL}`, { status: "good" });
    }
  });

  it("drops the cached responses before it signs: a request during the re-signing reads the new status", async () => {
    const { r, cache } = newResponder();
    await r.handleRequest(request([certId()]));
    const pending = r.onStatusChanged(issuerId, SERIAL);
    const inside = (await cache.get(issuerId, SERIAL)) === undefined;
    await pending;
    expect(inside).toBe(true);
    expect(await cache.get(issuerId, SERIAL)).toBeDefined();
  });

  it("a serial whose high bit is set has exactly one encoding (one sign byte)", async () => {
    const { r, cache } = newResponder();
    const ok = await r.handleRequest(request([certId({ serial: int("00" + HIGH_SERIAL) })]));
    expect(ok.body.equals(MALFORMED)).toBe(false);
    expect((await r.handleRequest(request([certId({ serial: int(HIGH_SERIAL) })]))).body.equals(MALFORMED)).toBe(true); // negative
    expect((await r.handleRequest(request([certId({ serial: int("0000" + HIGH_SERIAL) })]))).body.equals(MALFORMED)).toBe(true);
    expect(cache.size()).toBe(1);
    expect(parseOcspRequest(request([certId({ serial: int("00" + HIGH_SERIAL) })])).certIds[0]!.serialHex).toBe(HIGH_SERIAL);
  });

  it("unknown serials are answered but never cached; unsupported hashes are unauthorized", async () => {
    const { r, cache } = newResponder();
    for (let i = 0; i < 50; i++) {
      const res = await r.handleRequest(request([certId({ serial: int((0x10000000 + i).toString(16)) })]));
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThan(100); // a signed "unknown"
    }
    expect(cache.size()).toBe(0);
    const sha384 = seq(seq(oid(OID.sha384), NULL), octetString(Buffer.alloc(48)), octetString(Buffer.alloc(48)), int(SERIAL));
    expect((await r.handleRequest(request([sha384]))).body.equals(UNAUTHORIZED)).toBe(true);
    expect(cache.size()).toBe(0);
  });

  it("RFC 5019 GET: base64 and base64url of the same request share the entry; other characters are refused", async () => {
    const { r, cache } = newResponder();
    const der = request([certId()]);
    const a = await r.handleRequest(encodeURIComponent(der.toString("base64")));
    const b = await r.handleRequest(der.toString("base64url"));
    expect(a.body.equals(b.body)).toBe(true);
    expect(cache.size()).toBe(1);
    expect((await r.handleRequest(`${der.toString("base64")}!`)).body.equals(MALFORMED)).toBe(true);
    expect((await r.handleRequest(`%E0%A4%A`)).body.equals(MALFORMED)).toBe(true);
  });
});
