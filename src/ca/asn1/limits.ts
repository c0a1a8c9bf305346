// Every bound the engine's parsers apply to input it did not make, in one place. Each one is
// checked before the work it bounds: a parser first checks the input's size, then walks the
// element headers once (depth and element count, no allocation per element), and only then
// decodes, re-encodes, parses embedded certificates or checks signatures. Why bounds at all: the
// reader used to grow a BigInt 7 bits per OID byte and cache every OID it saw, so one crafted
// signature of a few hundred KB posted to the public verification service held the event loop
// for minutes (issue 12).

/** OBJECT IDENTIFIER bounds (X.690 8.19). */
export const OID_LIMITS = {
  /**
   * Content bytes, checked first (O(1)). The longest OIDs in real certificates and CMS (vendor
   * arcs under 1.3.6.1.4.1, ~16 arcs) take under 40 bytes; 128 is three times that, and decoding
   * 128 bytes costs microseconds whatever they hold.
   */
  maxContentBytes: 128,
  /** Arcs. Twice the longest OID seen in practice; also bounds the dotted string we build. */
  maxArcs: 32,
  /**
   * Largest arc value: 2^128 - 1 (19 base-128 bytes). RFC 5280 only asks implementations to
   * handle arcs up to 2^28 - 1, and 64 bits covers every registry arc; but this CA's own policy
   * OIDs live under 2.25.<UUID> (X.667), a 128-bit arc, and they come back to us in TSA requests
   * and timestamp tokens. Anything larger is refused.
   */
  maxArcValue: (1n << 128n) - 1n,
} as const;

/** Whole-input structure bounds, checked by one header walk in readRoot before any decoding. */
export interface StructureLimits {
  /** Nesting depth of constructed elements (the root is depth 1). */
  maxDepth: number;
  /** Elements in the whole input, counted over every constructed element's children. */
  maxElements: number;
}

/**
 * Per kind of input. Depth: a certificate nests at most ~10 deep (Name, extensions wrapped in
 * [3] and SEQUENCE), a CMS with an embedded certificate and a timestamp token ~25; 32/48 leave
 * room and stop the deeply nested inputs that cost a stack frame per level. Elements: a CA-made
 * certificate has ~60-120; a signature with its chain and a timestamp token a few hundred; the
 * limits are generous for real input and far below what a few MB of 2-byte elements would give.
 */
export const STRUCTURE_LIMITS = {
  /** Default for any readRoot call that names no kind (small engine-internal values). */
  default: { maxDepth: 32, maxElements: 10_000 },
  certificate: { maxDepth: 32, maxElements: 4_000 },
  csr: { maxDepth: 32, maxElements: 1_000 },
  tsaRequest: { maxDepth: 16, maxElements: 200 },
  /** CMS SignedData and timestamp tokens (a BER-chunked eContent counts one element per chunk). */
  cms: { maxDepth: 48, maxElements: 20_000 },
} as const satisfies Record<string, StructureLimits>;

/** Counts inside a CMS SignedData, refused before any embedded certificate is parsed. */
export const CMS_LIMITS = {
  /**
   * Embedded certificates. buildChain parses each and may check a signature with each: a signer
   * certificate and its chain (2-4), plus a few spares, is what real signatures carry.
   */
  maxCertificates: 10,
  /** Embedded CRLs (not read by the engine, only counted). */
  maxCrls: 4,
  /** SignerInfos (only the first is verified; the others are counted). */
  maxSigners: 8,
  /** Attributes per signed or unsigned attribute set; and values per attribute. */
  maxAttributes: 32,
  maxAttributeValues: 8,
} as const;

/** Chain building over certificates an input may bring along (verify-certificate.ts buildChain). */
export const CHAIN_LIMITS = {
  /** Certificates from the leaf up (leaf, issuing CA, root is 3; 6 leaves room). */
  maxDepth: 6,
  /**
   * Signature checks per chain. Each is a public-key operation on a key the input chose; a real
   * chain needs one per level (leaf, issuing CA, root's self-signature: 3), and a candidate with
   * the right name but the wrong key is rare.
   */
  maxSignatureChecks: 8,
  /** Candidate issuer keys: RSA beyond these is never checked (CAs use 2048-4096 bits and 65537). */
  maxRsaModulusBits: 8192,
  maxRsaPublicExponent: (1n << 32n) - 1n,
} as const;

/**
 * Input size per kind, in bytes, checked before anything is decoded. The verification service's
 * per-field limits (src/server/verification/input-limits.ts) come on top for its inputs.
 */
export const INPUT_SIZE_LIMITS = {
  /** PKCS#10 request, PEM or DER (an RSA-4096 request in PEM is ~1.7 KB). */
  csr: 16 * 1024,
  /** One certificate, PEM or DER. */
  certificate: 64 * 1024,
  /** RFC 3161 TimeStampReq (DER, ~60-100 bytes with a SHA-512 imprint and a nonce). */
  tsaRequest: 4096,
} as const;
