// Generators of hostile inputs for the fuzz stage (issue 12 item 7): byte mutations of a valid
// sample (flip, truncate, splice, duplicate, length-field inflation, chained), and structural
// attacks built from the sample's own DER tree so they get past the outer checks and reach the
// inner parsing (an OID of up to a few hundred KB, deep nesting, very many elements).
import fc from "fast-check";
import { header, readNode } from "@/ca/asn1/der";

/** A DER element as a tree: constructed elements by children, primitive ones by content. */
type Tree = { tag: number; kids: Tree[] } | { tag: number; bytes: Buffer } | { wrap: number; inner: Tree } | { raw: Buffer };

function parseTree(buf: Buffer, start: number, end: number): Tree[] {
  const out: Tree[] = [];
  let pos = start;
  while (pos < end) {
    const n = readNode(buf, pos, end);
    out.push(n.tag & 0x20 ? { tag: n.tag, kids: parseTree(buf, n.contentStart, n.end) } : { tag: n.tag, bytes: buf.subarray(n.contentStart, n.end) });
    pos = n.end;
  }
  return out;
}

function encode(t: Tree): Buffer {
  if ("raw" in t) return t.raw;
  if ("wrap" in t) {
    // `wrap` SEQUENCEs around the inner element, headers computed from the inside out
    const inner = encode(t.inner);
    const headers: Buffer[] = [];
    let len = inner.length;
    for (let i = 0; i < t.wrap; i++) {
      const h = header(0x30, len);
      headers.push(h);
      len += h.length;
    }
    return Buffer.concat([...headers.reverse(), inner]);
  }
  const content = "kids" in t ? Buffer.concat(t.kids.map(encode)) : t.bytes;
  return Buffer.concat([header(t.tag, content.length), content]);
}

/** Every element of the tree with a way to replace it, in document order. */
function slots(root: Tree): { node: Tree; set: (t: Tree) => void }[] {
  const out: { node: Tree; set: (t: Tree) => void }[] = [];
  const visit = (node: Tree, set: (t: Tree) => void) => {
    out.push({ node, set });
    if ("kids" in node) node.kids.forEach((k, i) => visit(k, (t) => (node.kids[i] = t)));
  };
  visit(root, () => undefined);
  return out;
}

/** Header positions of every element (for length inflation). */
function headerOffsets(buf: Buffer): number[] {
  const out: number[] = [];
  const walk = (start: number, end: number) => {
    let pos = start;
    while (pos < end) {
      const n = readNode(buf, pos, end);
      out.push(pos);
      if (n.tag & 0x20) walk(n.contentStart, n.end);
      pos = n.end;
    }
  };
  walk(0, buf.length);
  return out;
}

const at = (p: number, len: number) => Math.min(len, Math.floor(p * (len + 1)));
const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** One byte-level mutation, positions relative so that mutations chain on any length. */
type ByteMutation = (b: Buffer) => Buffer;
const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ p: unit, mask: fc.integer({ min: 1, max: 255 }) }).map(({ p, mask }) => (b: Buffer) => {
    const out = Buffer.from(b);
    if (out.length > 0) out[Math.min(out.length - 1, at(p, out.length))]! ^= mask;
    return out;
  }),
  unit.map((p) => (b: Buffer) => b.subarray(0, Math.max(1, at(p, b.length)))),
  fc.record({ p: unit, del: fc.nat(24), ins: fc.uint8Array({ maxLength: 48 }) }).map(({ p, del, ins }) => (b: Buffer) => {
    const i = at(p, b.length);
    return Buffer.concat([b.subarray(0, i), Buffer.from(ins), b.subarray(i + del)]);
  }),
  fc.record({ from: unit, len: fc.integer({ min: 1, max: 512 }), to: unit, times: fc.integer({ min: 1, max: 8 }) }).map(({ from, len, to, times }) => (b: Buffer) => {
    const i = at(from, b.length);
    const piece = b.subarray(i, i + len);
    const j = at(to, b.length);
    return Buffer.concat([b.subarray(0, j), ...Array<Buffer>(times).fill(piece), b.subarray(j)]);
  }),
);

/** The length field of one element inflated: long form, up to 4 bytes, often past the end. */
function inflateLength(sample: Buffer): fc.Arbitrary<Buffer> {
  const offsets = headerOffsets(sample);
  return fc
    .record({
      which: fc.nat(offsets.length - 1),
      len: fc.oneof(fc.constantFrom(0x7fffffff, 0xffffffff, 0x80000000, sample.length, sample.length + 1), fc.nat(0xffffffff)),
      bytes: fc.integer({ min: 1, max: 5 }),
    })
    .map(({ which, len, bytes }) => {
      const off = offsets[which]!;
      const n = readNode(sample, off, sample.length);
      const field = Buffer.alloc(bytes);
      for (let i = bytes - 1, v = len; i >= 0; i--, v = Math.floor(v / 256)) field[i] = v & 0xff;
      return Buffer.concat([sample.subarray(0, off + 1), Buffer.from([0x80 | bytes]), field, sample.subarray(n.contentStart)]);
    });
}

export interface StructuralBounds {
  /** largest OID content to generate */
  maxOidBytes: number;
  maxDepth: number;
  maxElements: number;
}

/** A tree edit on a fresh copy of the sample: the rest of the input stays valid. */
function structural(sample: Buffer, b: StructuralBounds): fc.Arbitrary<Buffer> {
  const fresh = () => parseTree(sample, 0, sample.length)[0]!;
  const oidCount = slots(fresh()).filter((s) => "bytes" in s.node && s.node.tag === 0x06).length;
  const constructedCount = slots(fresh()).filter((s) => "kids" in s.node).length;
  const elementCount = slots(fresh()).length;
  const hugeOid = fc.record({ which: fc.nat(Math.max(0, oidCount - 1)), size: fc.integer({ min: 129, max: b.maxOidBytes }), fill: fc.integer({ min: 0x80, max: 0xff }) }).map(({ which, size, fill }) => {
    const root = fresh();
    const target = slots(root).filter((s) => "bytes" in s.node && s.node.tag === 0x06)[which];
    const content = Buffer.concat([Buffer.alloc(size - 1, fill), Buffer.from([0x01])]);
    if (target) target.set({ tag: 0x06, bytes: content });
    return target ? encode(root) : encode({ tag: 0x30, kids: [{ tag: 0x06, bytes: content }, root] });
  });
  const deep = fc.record({ which: fc.nat(elementCount - 1), depth: fc.integer({ min: 20, max: b.maxDepth }) }).map(({ which, depth }) => {
    const root = fresh();
    const target = slots(root)[which]!;
    if (which === 0) return encode({ wrap: depth, inner: root });
    target.set({ wrap: depth, inner: target.node });
    return encode(root);
  });
  const many = fc
    .record({ which: fc.nat(Math.max(0, constructedCount - 1)), count: fc.integer({ min: 100, max: b.maxElements }), nulls: fc.boolean() })
    .map(({ which, count, nulls }) => {
      const root = fresh();
      const target = slots(root).filter((s) => "kids" in s.node)[which]!.node as { tag: number; kids: Tree[] };
      const first = target.kids[0] ? encode(target.kids[0]) : undefined;
      // copies of a small first child (an AlgorithmIdentifier, an attribute), else NULLs
      const one = nulls || !first || first.length > 64 ? Buffer.from([0x05, 0x00]) : first;
      // Buffer.alloc repeats the fill pattern: the copies cost one allocation, not one per element
      target.kids.push({ raw: Buffer.alloc(one.length * count, one) });
      return encode(root);
    });
  return fc.oneof(hugeOid, deep, many);
}

/**
 * Malformed variants of valid samples: one to three chained byte mutations, a length inflation, or
 * a structural attack; now and then plain random bytes.
 */
export function malformedDer(samples: readonly Buffer[], bounds: StructuralBounds): fc.Arbitrary<Buffer> {
  const perSample = samples.map((s) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((b, m) => m(b), s)) },
      { weight: 2, arbitrary: inflateLength(s) },
      { weight: 3, arbitrary: structural(s, bounds) },
    ),
  );
  return fc.oneof({ weight: 12, arbitrary: fc.oneof(...perSample) }, { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((u) => Buffer.from(u)) });
}

/** Malformed bytes for a file format that is not DER (uploads): byte mutations only, plus random bytes. */
export function malformedFile(samples: readonly Buffer[]): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...samples), fc.array(byteMutation, { minLength: 1, maxLength: 3 })).map(([s, ms]) => ms.reduce((b, m) => m(b), s)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((u) => Buffer.from(u)) },
  );
}

/** PEM around mutated DER, and now and then mutated PEM text (the forms a text field receives). */
export function asPem(der: fc.Arbitrary<Buffer>, label: string): fc.Arbitrary<string> {
  const pem = (b: Buffer) => `-----BEGIN ${label}-----\n${b.toString("base64").replace(/.{1,64}/g, "$&\n")}-----END ${label}-----\n`;
  return fc.oneof(
    { weight: 6, arbitrary: der.map(pem) },
    { weight: 1, arbitrary: fc.tuple(der, byteMutation).map(([b, m]) => m(Buffer.from(pem(b), "latin1")).toString("latin1")) },
  );
}
