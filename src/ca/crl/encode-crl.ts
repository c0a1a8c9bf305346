// CRL encoding that scales to millions of entries: revokedCertificates is written straight into
// large byte chunks (no object per entry survives), the TBS is signed as a list of chunks, and
// the result is handed back as chunks the server can stream. RFC 5280 section 5.
import { Readable } from "node:stream";
import { bitString, explicit, header, integer, seq, time } from "../asn1/der";
import * as X from "../asn1/extensions";
import { derToPem } from "../asn1/certificate-parts";
import { wholeSeconds } from "../clock";
import { CaError } from "../errors";
import { signatureAlgorithmFor } from "../keys/key-signer";
import type { LoadedEntity } from "../hierarchy/hierarchy";
import { REASON_CODES, type RevocationReason } from "./revocation-reasons";

export interface RevokedEntry {
  serialHex: string;
  revokedAt: Date;
  reason?: RevocationReason;
  invalidityDate?: Date;
}

export interface CrlInput {
  issuer: LoadedEntity;
  crlNumber: bigint;
  thisUpdate: Date;
  nextUpdate: Date;
  entries: Iterable<RevokedEntry> | AsyncIterable<RevokedEntry>;
  /** the shard's URL, written as the critical issuingDistributionPoint; omit it for an
   * unsharded CA (the root), whose CRL must also cover the root itself (OpenSSL checks it). */
  distributionPointUrl?: string;
}

export interface EncodedCrl {
  chunks: Buffer[];
  byteLength: number;
  entryCount: number;
}

const CHUNK = 1 << 20;

class ChunkSink {
  chunks: Buffer[] = [];
  private cur = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  total = 0;
  reserve(n: number): void {
    if (this.pos + n > this.cur.length) {
      this.chunks.push(this.cur.subarray(0, this.pos));
      this.cur = Buffer.allocUnsafe(Math.max(CHUNK, n));
      this.pos = 0;
    }
  }
  byte(b: number): void {
    this.cur[this.pos++] = b;
    this.total++;
  }
  bytes(b: Buffer): void {
    b.copy(this.cur, this.pos);
    this.pos += b.length;
    this.total += b.length;
  }
  digits(n: number, width: number): void {
    for (let i = width - 1; i >= 0; i--) {
      this.cur[this.pos + i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos += width;
    this.total += width;
  }
  finish(): Buffer[] {
    if (this.pos > 0) this.chunks.push(this.cur.subarray(0, this.pos));
    return this.chunks;
  }
}

const REASON_PREFIX = Buffer.from([0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01]);
const INVALIDITY_PREFIX = Buffer.from([0x30, 0x18, 0x06, 0x03, 0x55, 0x1d, 0x18, 0x04, 0x11]);

function writeTime(sink: ChunkSink, d: Date, generalized: boolean): void {
  const y = d.getUTCFullYear();
  sink.byte(generalized ? 0x18 : 0x17);
  sink.byte(generalized ? 15 : 13);
  if (generalized) sink.digits(y, 4);
  else sink.digits(y % 100, 2);
  sink.digits(d.getUTCMonth() + 1, 2);
  sink.digits(d.getUTCDate(), 2);
  sink.digits(d.getUTCHours(), 2);
  sink.digits(d.getUTCMinutes(), 2);
  sink.digits(d.getUTCSeconds(), 2);
  sink.byte(0x5a);
}

function writeEntry(sink: ChunkSink, e: RevokedEntry): void {
  const hex = e.serialHex.length % 2 ? "0" + e.serialHex : e.serialHex;
  const serial = Buffer.from(hex, "hex");
  if (serial.length === 0 || serial.length > 20 || serial.toString("hex") !== hex.toLowerCase()) {
    throw new CaError("INVALID_INPUT", `bad serial ${JSON.stringify(e.serialHex)}`);
  }
  const pad = serial[0]! & 0x80 ? 1 : 0;
  const intLen = 2 + serial.length + pad;
  const timeGeneralized = e.revokedAt.getUTCFullYear() >= 2050;
  const timeLen = timeGeneralized ? 17 : 15;
  const reason = e.reason && e.reason !== "unspecified" ? REASON_CODES[e.reason] : undefined;
  const extContent = (reason !== undefined ? 12 : 0) + (e.invalidityDate ? 26 : 0);
  const extLen = extContent ? 2 + extContent : 0;
  const content = intLen + timeLen + extLen;
  sink.reserve(content + 2);
  sink.byte(0x30);
  sink.byte(content);
  sink.byte(0x02);
  sink.byte(serial.length + pad);
  if (pad) sink.byte(0);
  sink.bytes(serial);
  writeTime(sink, e.revokedAt, timeGeneralized);
  if (extLen) {
    sink.byte(0x30);
    sink.byte(extContent);
    if (reason !== undefined) {
      sink.bytes(REASON_PREFIX);
      sink.byte(reason);
    }
    if (e.invalidityDate) {
      sink.bytes(INVALIDITY_PREFIX);
      writeTime(sink, e.invalidityDate, true);
    }
  }
}

export async function encodeCrl(input: CrlInput): Promise<EncodedCrl> {
  const sink = new ChunkSink();
  let entryCount = 0;
  if (Symbol.asyncIterator in input.entries) {
    for await (const e of input.entries) {
      writeEntry(sink, e);
      entryCount++;
    }
  } else {
    for (const e of input.entries) {
      writeEntry(sink, e);
      entryCount++;
    }
  }
  const entryChunks = sink.finish();
  const entriesLength = sink.total;

  const alg = signatureAlgorithmFor(input.issuer.signer.keyType);
  const extensions = [X.authorityKeyIdentifier(input.issuer.keyId), X.crlNumber(input.crlNumber)];
  if (input.distributionPointUrl) extensions.push(X.issuingDistributionPoint(input.distributionPointUrl));
  const prefix = Buffer.concat([integer(1), alg, input.issuer.parts.subjectName, time(wholeSeconds(input.thisUpdate)), time(wholeSeconds(input.nextUpdate))]);
  const suffix = explicit(0, seq(...extensions));
  const revokedHeader = entryCount ? header(0x30, entriesLength) : Buffer.alloc(0);
  const tbsLength = prefix.length + revokedHeader.length + entriesLength + suffix.length;
  const tbsChunks = [header(0x30, tbsLength), prefix, revokedHeader, ...entryChunks, suffix];
  const signature = await input.issuer.signer.sign(tbsChunks);
  const tail = Buffer.concat([alg, bitString(signature)]);
  const tbsTotal = tbsChunks.reduce((n, c) => n + c.length, 0);
  const outer = header(0x30, tbsTotal + tail.length);
  const chunks = [outer, ...tbsChunks, tail];
  return { chunks, byteLength: outer.length + tbsTotal + tail.length, entryCount };
}

export const crlToBuffer = (crl: EncodedCrl) => Buffer.concat(crl.chunks, crl.byteLength);
export const crlToStream = (crl: EncodedCrl) => Readable.from(crl.chunks);
/** OpenSSL wants the label X509 CRL. */
export const crlToPem = (crl: EncodedCrl) => derToPem(crlToBuffer(crl), "X509 CRL");

/**
 * What the server sends with a CRL: cacheable until a minute before nextUpdate, and for an hour at
 * most (shards are re-issued at once on a revocation, and hourly). Expires says the same instant as
 * max-age (an HTTP/1.0 cache reads only Expires; nextUpdate there would outlast the hour).
 */
export function crlHttpHeaders(crl: { nextUpdate: Date; now: Date }): Record<string, string> {
  const maxAge = Math.min(Math.max(0, Math.floor((crl.nextUpdate.getTime() - crl.now.getTime()) / 1000) - 60), 3600);
  return {
    "content-type": "application/pkix-crl",
    "cache-control": `public, max-age=${maxAge}, no-transform`,
    expires: new Date(Math.floor(crl.now.getTime() / 1000) * 1000 + maxAge * 1000).toUTCString(),
  };
}
