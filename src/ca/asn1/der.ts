// A small DER writer and reader. Why hand-written: certificates, CRLs and OCSP responses built
// byte by byte are an order of magnitude faster than generic object trees (see PKI-NOTES), and
// copying an issuer name's bytes verbatim is the only way to guarantee byte-exact names.
import { CaError } from "../errors";
import { OID_LIMITS, STRUCTURE_LIMITS, type StructureLimits } from "./limits";
import { OID } from "./oids";

export function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  let rest = n;
  while (rest > 0) {
    bytes.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Tag-length-value with a one-byte tag. */
export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = content.length === 1 ? Buffer.from(content[0]!) : Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

/** Header only, for content whose bytes are produced elsewhere (streamed CRLs). */
export function header(tag: number, contentLength: number): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(contentLength)]);
}

export const seq = (...content: Uint8Array[]) => tlv(0x30, ...content);
/** SET OF in DER order (elements sorted by their encodings). */
export const setOf = (...content: Uint8Array[]) =>
  tlv(0x31, ...[...content].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
export const NULL = Buffer.from([0x05, 0x00]);
export const bool = (value: boolean) => Buffer.from([0x01, 0x01, value ? 0xff : 0x00]);
export const octetString = (bytes: Uint8Array) => tlv(0x04, bytes);
export const bitString = (bytes: Uint8Array, unusedBits = 0) => tlv(0x03, Buffer.from([unusedBits]), bytes);
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
export const printable = (s: string) => tlv(0x13, Buffer.from(s, "latin1"));
export const ia5 = (s: string) => tlv(0x16, Buffer.from(s, "latin1"));
/** [n] EXPLICIT */
export const explicit = (n: number, ...content: Uint8Array[]) => tlv(0xa0 | n, ...content);
/** [n] IMPLICIT over a primitive type */
export const implicitPrimitive = (n: number, content: Uint8Array) => tlv(0x80 | n, content);
/** [n] IMPLICIT over a constructed type: pass the inner content (without its own header). */
export const implicitConstructed = (n: number, ...content: Uint8Array[]) => tlv(0xa0 | n, ...content);

/** INTEGER from unsigned big-endian bytes (a positive value). */
export function unsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = Buffer.from(bytes.subarray(start));
  return (trimmed[0] ?? 0) & 0x80 ? tlv(0x02, Buffer.from([0]), trimmed) : tlv(0x02, trimmed);
}

export function integer(n: number | bigint): Buffer {
  let v = BigInt(n);
  if (v < 0n) throw new RangeError("negative INTEGER not supported");
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  return unsignedInteger(Buffer.from(bytes));
}

// Only the engine's own OIDs (the OID table) are cached: a cache keyed by whatever a caller
// passes would keep every OID an attacker ever sent (re-encoded from a parsed input) for good.
const oidCache = new Map<string, Buffer>();
const OWN_OIDS: ReadonlySet<string> = new Set(Object.values(OID));
export function oid(dotted: string): Buffer {
  const cached = oidCache.get(dotted);
  if (cached) return cached;
  const parts = dotted.split(".").map((p) => BigInt(p));
  const out: number[] = [];
  const first = parts[0]! * 40n + parts[1]!;
  for (const arc of [first, ...parts.slice(2)]) {
    const chunk: number[] = [];
    let v = arc;
    do {
      chunk.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    out.push(...chunk);
  }
  const encoded = tlv(0x06, Buffer.from(out));
  if (OWN_OIDS.has(dotted)) oidCache.set(dotted, encoded);
  return encoded;
}

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;
function timeDigits(d: Date, fourDigitYear: boolean): string {
  const y = d.getUTCFullYear();
  return (
    (fourDigitYear ? String(y) : pad2(y % 100)) +
    pad2(d.getUTCMonth() + 1) +
    pad2(d.getUTCDate()) +
    pad2(d.getUTCHours()) +
    pad2(d.getUTCMinutes()) +
    pad2(d.getUTCSeconds()) +
    "Z"
  );
}
/** GeneralizedTime in whole seconds (RFC 5280 forbids fractions). */
export const generalizedTime = (d: Date) => tlv(0x18, Buffer.from(timeDigits(d, true), "latin1"));
export const utcTime = (d: Date) => tlv(0x17, Buffer.from(timeDigits(d, false), "latin1"));
/** RFC 5280 Time: UTCTime through 2049, GeneralizedTime from 2050. */
export const time = (d: Date) => (d.getUTCFullYear() < 2050 ? utcTime(d) : generalizedTime(d));

// ---------------------------------------------------------------- reader

export interface Node {
  tag: number;
  /** offset of the tag byte */
  start: number;
  /** offset of the first content byte */
  contentStart: number;
  /** offset one past the last content byte */
  end: number;
}

function malformed(why: string): CaError {
  return new CaError("DER_MALFORMED", `Malformed DER: ${why}`);
}

/** Reads one element at `offset`; only definite lengths (DER), one-byte tags. */
export function readNode(buf: Uint8Array, offset = 0, limit = buf.length): Node {
  if (offset + 2 > limit) throw malformed("truncated header");
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw malformed("multi-byte tags are not supported");
  let len = buf[offset + 1]!;
  let pos = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0) throw malformed("indefinite length");
    if (count > 4) throw malformed("length too large");
    if (pos + count > limit) throw malformed("truncated length");
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + buf[pos + i]!;
    pos += count;
  }
  if (pos + len > limit) throw malformed("content runs past the end");
  return { tag, start: offset, contentStart: pos, end: pos + len };
}

/**
 * Reads the single top-level element and refuses trailing bytes. Before returning it walks every
 * constructed element's headers once (no decoding) and refuses the input when it nests deeper or
 * holds more elements than `limits` allow, so a parser never starts costly work on such input.
 */
export function readRoot(buf: Uint8Array, limits: StructureLimits = STRUCTURE_LIMITS.default): Node {
  const node = readNode(buf, 0);
  if (node.end !== buf.length) throw malformed("trailing bytes");
  checkStructure(buf, node, limits);
  return node;
}

/**
 * Iterative (a deep input must not cost a stack frame per level), one stack of enclosing ends, and
 * no object per element: this walk is the cost every input pays before it is refused.
 */
function checkStructure(buf: Uint8Array, root: Node, limits: StructureLimits): void {
  if (!(root.tag & 0x20)) return;
  let elements = 1;
  const ends = [root.end];
  let pos = root.contentStart;
  while (ends.length > 0) {
    const end = ends[ends.length - 1]!;
    if (pos >= end) {
      ends.pop();
      continue;
    }
    // the same header rules as readNode, inline
    if (pos + 2 > end) throw malformed("truncated header");
    const tag = buf[pos]!;
    if ((tag & 0x1f) === 0x1f) throw malformed("multi-byte tags are not supported");
    let len = buf[pos + 1]!;
    let contentStart = pos + 2;
    if (len & 0x80) {
      const count = len & 0x7f;
      if (count === 0) throw malformed("indefinite length");
      if (count > 4) throw malformed("length too large");
      if (contentStart + count > end) throw malformed("truncated length");
      len = 0;
      for (let i = 0; i < count; i++) len = len * 256 + buf[contentStart + i]!;
      contentStart += count;
    }
    const childEnd = contentStart + len;
    if (childEnd > end) throw malformed("content runs past the end");
    if (++elements > limits.maxElements) throw malformed(`more than ${limits.maxElements} elements`);
    if (tag & 0x20) {
      if (ends.length + 1 > limits.maxDepth) throw malformed(`nested deeper than ${limits.maxDepth} levels`);
      ends.push(childEnd);
      pos = contentStart;
    } else {
      // every OID in the structure, read by us or later by node:crypto (names, algorithms), is held
      // to the decoder's length limit here, before either spends time on it
      if (tag === 0x06 && len > OID_LIMITS.maxContentBytes) throw malformed(`OID longer than ${OID_LIMITS.maxContentBytes} bytes`);
      pos = childEnd;
    }
  }
}

export function children(buf: Uint8Array, node: Node): Node[] {
  const out: Node[] = [];
  let pos = node.contentStart;
  while (pos < node.end) {
    const child = readNode(buf, pos, node.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export const raw = (buf: Uint8Array, node: Node) => Buffer.from(buf.buffer, buf.byteOffset + node.start, node.end - node.start);
export const contentOf = (buf: Uint8Array, node: Node) =>
  Buffer.from(buf.buffer, buf.byteOffset + node.contentStart, node.end - node.contentStart);

export function expectTag(node: Node | undefined, tag: number, what: string): Node {
  if (!node || node.tag !== tag) throw malformed(`expected ${what}`);
  return node;
}

/**
 * OID content to dotted form, within OID_LIMITS: the length is checked before the first byte is
 * read, and arcs must be minimally encoded (DER) and end inside the content.
 */
export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw malformed("empty OID");
  if (content.length > OID_LIMITS.maxContentBytes) throw malformed(`OID longer than ${OID_LIMITS.maxContentBytes} bytes`);
  if (content[content.length - 1]! & 0x80) throw malformed("OID ends inside an arc");
  const arcs: bigint[] = [];
  let v = 0n;
  let fresh = true;
  for (const byte of content) {
    if (fresh && byte === 0x80) throw malformed("OID arc not minimally encoded");
    fresh = false;
    v = (v << 7n) | BigInt(byte & 0x7f);
    if (v > OID_LIMITS.maxArcValue) throw malformed("OID arc larger than 2^128 - 1");
    if (!(byte & 0x80)) {
      // the first encoded arc holds two of the dotted arcs
      if (arcs.length + 2 > OID_LIMITS.maxArcs) throw malformed(`OID with more than ${OID_LIMITS.maxArcs} arcs`);
      arcs.push(v);
      v = 0n;
      fresh = true;
    }
  }
  const first = arcs[0]!;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join(".");
}

export function readOid(buf: Uint8Array, node: Node | undefined): string {
  return decodeOid(contentOf(buf, expectTag(node, 0x06, "OBJECT IDENTIFIER")));
}

/** Positive INTEGER content as lowercase hex without sign padding. */
export function integerHex(buf: Uint8Array, node: Node | undefined): string {
  const c = contentOf(buf, expectTag(node, 0x02, "INTEGER"));
  let i = 0;
  while (i < c.length - 1 && c[i] === 0) i++;
  return Buffer.from(c.subarray(i)).toString("hex");
}

export function parseTime(buf: Uint8Array, node: Node): Date {
  const s = Buffer.from(contentOf(buf, node)).toString("latin1");
  const m = node.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(s);
  if (!m) throw malformed("bad time");
  let year = Number(m[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
