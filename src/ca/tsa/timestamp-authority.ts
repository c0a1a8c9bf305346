// RFC 3161 timestamp authority, transport-free: handleTimestampRequest takes the body of an
// application/timestamp-query POST and returns what to send back.
//
// Two TSA certificates may answer: the international one (P-256) and the SM2 one (tsa-sm2). The
// request's messageImprint picks: an SM3 imprint (1.2.156.10197.1.401, what GM/T 0033 clients
// send) is answered by the SM2 TSA, with an SM3 digest, an SM3withSM2 signature and an SM3
// ESSCertIDv2, so the whole token stays in one algorithm family; SHA-2 imprints keep going to the
// international TSA. A hierarchy without an SM2 TSA refuses SM3 imprints (badAlg).
import { randomBytes } from "node:crypto";
import { bitString, children, contentOf, expectTag, generalizedTime, integer, octetString, oid, raw, readOid, readRoot, seq, tlv, unsignedInteger } from "../asn1/der";
import { INPUT_SIZE_LIMITS, STRUCTURE_LIMITS } from "../asn1/limits";
import { OID } from "../asn1/oids";
import { wholeSeconds, type Clock } from "../clock";
import { buildSignedData } from "../cms/signed-data";
import { chainOf, type Hierarchy, type LoadedEntity } from "../hierarchy/hierarchy";

const HASH_LENGTH: Record<string, number> = { [OID.sha256]: 32, [OID.sha384]: 48, [OID.sha512]: 64, [OID.sm3]: 32 };

export interface TsaOptions {
  hierarchy: Hierarchy;
  clock: Clock;
  policyOid: string;
  /** accuracy in seconds; default 1 */
  accuracySeconds?: number;
  maxRequestBytes?: number;
  /**
   * Keeps the TSA's record of a token before it is handed out (RFC 3161 keeps the TSA accountable
   * for every token; the portal writes them to its database). A refusal (an error) means no
   * token: the request is answered with systemFailure. Serials are 127 random bits, so a repeated
   * serial would only ever show up here, as a failed record.
   */
  recordToken?: (t: IssuedTokenRecord) => Promise<void>;
}

export interface IssuedTokenRecord {
  /** the CA entity that signed it ("tsa" or "tsa-sm2") */
  tsaEntityId: string;
  serialHex: string;
  genTime: Date;
  policyOid: string;
  hashOid: string;
  /** The hashedMessage of the request's messageImprint (hex). */
  hashedMessageHex: string;
  /** The whole TimeStampToken (CMS ContentInfo), DER. */
  token: Buffer;
}

export interface TsaHttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
  headers: Record<string, string>;
}

/** PKIFailureInfo bits (RFC 3161 2.4.2) */
const FAIL = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, systemFailure: 25 } as const;

function failInfo(bit: number): Buffer {
  const bytes = Buffer.alloc(Math.floor(bit / 8) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return bitString(bytes, 7 - (bit % 8));
}
const rejection = (why: keyof typeof FAIL) => seq(seq(integer(2), failInfo(FAIL[why])));

/**
 * A TimeStampToken wrapped as a granted TimeStampResp (RFC 3161 2.4.2): what a TSA sends back and
 * what `openssl ts -verify -in x.tsr` reads without -token_in (the usual `.tsr` file).
 */
export const grantedTimestampResponse = (token: Buffer): Buffer => seq(seq(integer(0)), token);

interface ParsedTsq {
  messageImprint: Buffer;
  hashOid: string;
  reqPolicy?: string;
  nonce?: Buffer;
  certReq: boolean;
}

function parseTsq(der: Buffer): ParsedTsq | "badDataFormat" | "badAlg" {
  try {
    const root = readRoot(der, STRUCTURE_LIMITS.tsaRequest);
    const kids = children(der, expectTag(root, 0x30, "TimeStampReq"));
    if (contentOf(der, expectTag(kids[0], 0x02, "version"))[0] !== 1) return "badDataFormat";
    const imprint = expectTag(kids[1], 0x30, "messageImprint");
    const [alg, hashed] = children(der, imprint);
    const hashOid = readOid(der, children(der, expectTag(alg, 0x30, "hashAlgorithm"))[0]);
    const hashLen = contentOf(der, expectTag(hashed, 0x04, "hashedMessage")).length;
    if (HASH_LENGTH[hashOid] === undefined) return "badAlg";
    if (HASH_LENGTH[hashOid] !== hashLen) return "badDataFormat";
    const out: ParsedTsq = { messageImprint: raw(der, imprint), hashOid, certReq: false };
    for (const k of kids.slice(2)) {
      if (k.tag === 0x06) out.reqPolicy = readOid(der, k);
      else if (k.tag === 0x02) out.nonce = contentOf(der, k);
      else if (k.tag === 0x01) out.certReq = contentOf(der, k)[0] !== 0;
      else if (k.tag === 0xa0) return "badDataFormat"; // extensions: none are supported
    }
    return out;
  } catch {
    return "badDataFormat";
  }
}

/** The hierarchy's TSAs by family (Hierarchy.tsa is never SM2, Hierarchy.tsaSm2 always), each with its chain above it. */
function timestampSigners(h: Hierarchy) {
  const withChain = (e: LoadedEntity | undefined) => e && { entity: e, chain: chainOf(h, e.entity.id).slice(1) };
  return { international: withChain(h.tsa), sm2: withChain(h.tsaSm2) };
}

export function createTimestampAuthority(o: TsaOptions) {
  const signers = timestampSigners(o.hierarchy);
  if (!signers.international && !signers.sm2) throw new RangeError("the hierarchy has no TSA certificate");
  const signerFor = (hashOid: string) => (hashOid === OID.sm3 ? signers.sm2 : signers.international);
  const maxBytes = o.maxRequestBytes ?? INPUT_SIZE_LIMITS.tsaRequest;
  const reply = (body: Buffer, status = 200): TsaHttpResponse => ({
    status,
    contentType: "application/timestamp-reply",
    body,
    headers: { "content-type": "application/timestamp-reply", "cache-control": "no-store" },
  });

  function nextSerial(): Buffer {
    const s = randomBytes(16);
    s[0] = (s[0]! & 0x7f) | 0x40;
    return s;
  }

  /** Returns the TimeStampToken (a CMS ContentInfo) for a parsed request. */
  async function issueToken(req: ParsedTsq): Promise<Buffer> {
    const tsa = signerFor(req.hashOid);
    if (!tsa) throw new RangeError("no TSA for this imprint algorithm"); // handleTimestampRequest answers badAlg before
    const genTime = wholeSeconds(o.clock.now());
    const serial = nextSerial();
    const tst = [integer(1), oid(o.policyOid), req.messageImprint, unsignedInteger(serial), generalizedTime(genTime), seq(integer(o.accuracySeconds ?? 1))];
    if (req.nonce) tst.push(implicitNonce(req.nonce));
    const tstInfo = seq(...tst);
    const token = await buildSignedData({
      signer: tsa.entity.signer,
      certificate: tsa.entity.entity.certificate,
      chain: req.certReq ? tsa.chain : [],
      eContentType: OID.tstInfo,
      content: tstInfo,
      detached: false,
    });
    if (o.recordToken) {
      const hashed = req.messageImprint.subarray(req.messageImprint.length - HASH_LENGTH[req.hashOid]!);
      await o.recordToken({ tsaEntityId: tsa.entity.entity.id, serialHex: serial.toString("hex"), genTime, policyOid: o.policyOid, hashOid: req.hashOid, hashedMessageHex: hashed.toString("hex"), token });
    }
    return token;
  }

  async function handleTimestampRequest(body: Uint8Array): Promise<TsaHttpResponse> {
    if (body.length > maxBytes) return reply(rejection("badRequest"), 413);
    const req = parseTsq(Buffer.from(body));
    if (req === "badAlg" || req === "badDataFormat") return reply(rejection(req));
    if (!signerFor(req.hashOid)) return reply(rejection("badAlg"));
    if (req.reqPolicy && req.reqPolicy !== o.policyOid) return reply(rejection("unacceptedPolicy"));
    try {
      const token = await issueToken(req);
      return reply(grantedTimestampResponse(token));
    } catch {
      return reply(rejection("systemFailure"));
    }
  }

  /** Timestamp a digest directly (used when the engine signs CMS with an embedded timestamp). */
  async function timestampDigest(hashOid: string, digest: Buffer, nonce?: Buffer): Promise<Buffer> {
    return issueToken({ messageImprint: seq(seq(oid(hashOid)), octetString(digest)), hashOid, certReq: true, nonce });
  }

  return { handleTimestampRequest, timestampDigest };
}

export type TimestampAuthority = ReturnType<typeof createTimestampAuthority>;

// the nonce is echoed as exactly the INTEGER the client sent
const implicitNonce = (content: Buffer) => tlv(0x02, content);
