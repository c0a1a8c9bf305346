import { readNode } from "@/ca/asn1/der";
import { SIGNATURE_CONTENTS_BYTES } from "./build-seal-pdf";

/** What the server refuses a signed sample PDF for, before anything is stored (each has its message). */
export const SEAL_PDF_REFUSALS = [
  "NOT_A_PDF", "TOO_LARGE", "BYTE_RANGE_INVALID", "SIGNATURE_MISSING", "CMS_MALFORMED", "DIGEST_MISMATCH", "SIGNATURE_INVALID",
  "WRONG_CERTIFICATE", "SIGNING_CERTIFICATE_MISSING", "TIMESTAMP_MISSING", "TIMESTAMP_INVALID", "UNTRUSTED", "SAMPLE_EXPIRED", "SM2_NOT_SUPPORTED",
] as const;
export type SealPdfRefusal = (typeof SEAL_PDF_REFUSALS)[number];

export class SealPdfRefused extends Error {
  constructor(readonly refusal: SealPdfRefusal, detail?: string) {
    super(detail ? `${refusal}: ${detail}` : refusal);
  }
}

/**
 * The largest signed sample accepted: the server's own sample (a page, a seal image, 16 KiB of
 * /Contents) is far smaller; base64 of it must also fit the 1 MB body of a server action.
 */
export const MAX_SEAL_PDF_BYTES = 640 * 1024;

export interface SignatureField {
  byteRange: [number, number, number, number];
  /** The CMS SignedData, without the zero padding of /Contents. */
  cms: Buffer;
  /** The signed bytes: the file without the /Contents hex string. */
  signed: Buffer;
}

/**
 * Reads the one signature of a sample PDF strictly: exactly one /ByteRange, of the form
 * [0 b c d] with b < c and c + d the file's length, the gap being exactly the /Contents hex
 * string (`<` at b, `>` at c - 1, hex digits between) and nothing else; the CMS in it is one DER
 * element followed only by zero padding. Anything else is refused, so a signature can never leave
 * bytes of the file unsigned (an appended update, a second range) without the server noticing.
 */
export function readSignatureField(pdf: Buffer): SignatureField {
  if (pdf.length > MAX_SEAL_PDF_BYTES) throw new SealPdfRefused("TOO_LARGE");
  const text = pdf.toString("latin1");
  if (!text.startsWith("%PDF-1.") || !/%%EOF\s*$/.test(text.slice(-32))) throw new SealPdfRefused("NOT_A_PDF");

  const first = text.indexOf("/ByteRange");
  if (first < 0 || text.indexOf("/ByteRange", first + 1) >= 0) throw new SealPdfRefused("BYTE_RANGE_INVALID", "not exactly one /ByteRange");
  const m = /^\/ByteRange\s*\[\s*(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s*\]/.exec(text.slice(first, first + 80));
  if (!m) throw new SealPdfRefused("BYTE_RANGE_INVALID", "not four numbers");
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d !== pdf.length) throw new SealPdfRefused("BYTE_RANGE_INVALID", "does not cover the whole file");
  // The range's own numbers and the /Contents key must lie in the signed part.
  if (first + m[0].length > b) throw new SealPdfRefused("BYTE_RANGE_INVALID", "the /ByteRange lies in the gap");
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e || !/\/Contents\s*$/.test(text.slice(Math.max(0, b - 16), b))) {
    throw new SealPdfRefused("BYTE_RANGE_INVALID", "the gap is not the /Contents string");
  }
  const hex = text.slice(b + 1, c - 1);
  if (hex.length % 2 !== 0 || hex.length > SIGNATURE_CONTENTS_BYTES * 2 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new SealPdfRefused("BYTE_RANGE_INVALID", "/Contents is not the signature's hex string");
  }
  const contents = Buffer.from(hex, "hex");
  if (contents.every((x) => x === 0)) throw new SealPdfRefused("SIGNATURE_MISSING");
  let end: number;
  try {
    end = readNode(contents, 0).end;
  } catch {
    throw new SealPdfRefused("CMS_MALFORMED");
  }
  if (contents[0] !== 0x30 || contents.subarray(end).some((x) => x !== 0)) throw new SealPdfRefused("CMS_MALFORMED", "bytes after the CMS");
  return { byteRange: [a, b, c, d], cms: contents.subarray(0, end), signed: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c)]) };
}
