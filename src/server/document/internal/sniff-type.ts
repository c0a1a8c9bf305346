import { crc32 } from "node:zlib";

/** The only file types the portal accepts for identity documents, letters and seals. */
export type AcceptedType = "image/jpeg" | "image/png" | "application/pdf";

export type SniffResult = { ok: true; type: AcceptedType } | { ok: false; code: "DOCUMENT_TYPE_NOT_ALLOWED" | "DOCUMENT_CORRUPT" };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Decides the type from the bytes alone: the file name and the browser's MIME type are the
 * uploader's claims, and a renamed executable would pass both. Beyond the leading magic number it
 * checks the structure a real file of that type must have (a PNG's checksummed header and end
 * chunk, a JPEG's end marker, a PDF's trailer), so a valid header glued onto other content is
 * refused as corrupt instead of being stored as an image.
 */
export function sniffDocumentType(bytes: Uint8Array): SniffResult {
  if (startsWith(bytes, PNG_SIGNATURE)) return checkPng(bytes) ? { ok: true, type: "image/png" } : { ok: false, code: "DOCUMENT_CORRUPT" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return checkJpeg(bytes) ? { ok: true, type: "image/jpeg" } : { ok: false, code: "DOCUMENT_CORRUPT" };
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return checkPdf(bytes) ? { ok: true, type: "application/pdf" } : { ok: false, code: "DOCUMENT_CORRUPT" };
  return { ok: false, code: "DOCUMENT_TYPE_NOT_ALLOWED" };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/**
 * Most chunks a PNG may have. Encoders write image data in chunks of 8 KB or more (libpng's
 * default), so a 10 MB scan has ~1,300; a file of hundreds of thousands of empty chunks is made to
 * cost the walk below time, and is refused.
 */
const MAX_PNG_CHUNKS = 65_536;
const IHDR = 0x49484452;
const IEND = 0x49454e44;
const isLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** Walks the chunks: IHDR first with a matching CRC, every chunk in bounds, IEND last. Bytes only, no string per chunk. */
function checkPng(bytes: Uint8Array): boolean {
  let at = 8;
  let first = true;
  for (let chunks = 0; at + 12 <= bytes.length && chunks < MAX_PNG_CHUNKS; chunks++) {
    const length = u32(bytes, at);
    if (!isLetter(bytes[at + 4]!) || !isLetter(bytes[at + 5]!) || !isLetter(bytes[at + 6]!) || !isLetter(bytes[at + 7]!)) return false;
    const type = u32(bytes, at + 4);
    const end = at + 12 + length;
    if (end > bytes.length) return false;
    if (first) {
      if (type !== IHDR || length !== 13) return false;
      first = false;
    }
    // The CRC covers the chunk type and data. Checked for the header and the end chunk only:
    // checking every data chunk would cost time on large scans and adds little.
    if (type === IHDR || type === IEND) {
      const crc = crc32(bytes.subarray(at + 4, at + 8 + length));
      if (crc !== u32(bytes, at + 8 + length)) return false;
    }
    if (type === IEND) return end === bytes.length || onlyPadding(bytes, end);
    at = end;
  }
  return false;
}

/** SOI, a marker segment, and the EOI marker at the end (scanners sometimes pad with zeros). */
function checkJpeg(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[3]! < 0xc0) return false;
  let end = bytes.length;
  while (end > 2 && bytes[end - 1] === 0x00) end -= 1;
  return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

/** "%PDF-1.x" or "%PDF-2.0" and an "%%EOF" near the end, as every conforming writer produces. */
function checkPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 16)).toString("latin1");
  if (!/^%PDF-[12]\.\d/.test(head)) return false;
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString("latin1");
  return tail.includes("%%EOF");
}

function onlyPadding(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}
