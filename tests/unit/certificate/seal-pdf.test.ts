import { describe, expect, it } from "vitest";
import { buildSealPdf, preparedAtOf, SIGNATURE_CONTENTS_BYTES } from "@/server/certificate/seal-pdf/build-seal-pdf";
import { readSignatureField, SealPdfRefused } from "@/server/certificate/seal-pdf/signature-field";
import { contentsGap } from "@/client/pdf-seal-sign";

// The seal test's sample PDF and the strict reading of its signature field, without a database:
// the same input gives the same bytes (the server compares a signed copy with a rebuild), and
// anything but "[0 b c d] around exactly /Contents, c + d = the file's length" is refused.

const at = new Date("2026-03-16T01:02:03Z");
const sample = () => buildSealPdf({ organisation: "示例科技有限公司", serialHex: "5cb1a9", preparedAt: at, image: null });

/** A stand-in CMS (one DER SEQUENCE) written into /Contents, as the browser would. */
function filled(pdf: Uint8Array, der = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01])): Buffer {
  const { b } = contentsGap(pdf);
  const out = Buffer.from(pdf);
  out.write(der.toString("hex").toUpperCase(), b + 1, "latin1");
  return out;
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SealPdfRefused) return e.refusal;
    throw e;
  }
  return "accepted";
};

describe("seal sample PDF", () => {
  it("is the same bytes for the same input, names its time in /M (Shanghai), and holds a /ByteRange around /Contents only", async () => {
    const [a, b] = [await sample(), await sample()];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(preparedAtOf(a)?.toISOString()).toBe(at.toISOString());
    const text = Buffer.from(a).toString("latin1");
    expect(text).toContain("/SubFilter /ETSI.CAdES.detached");
    const { b: start, c: end } = contentsGap(a);
    expect(end - start).toBe(SIGNATURE_CONTENTS_BYTES * 2 + 2);
    expect(text.slice(start - 10, start)).toMatch(/\/Contents $/);
  });

  it("reads a filled signature field: the CMS without its padding, and the two signed parts", async () => {
    const pdf = filled(await sample());
    const field = readSignatureField(pdf);
    expect(field.cms.toString("hex")).toBe("3003020101");
    expect(field.signed.length).toBe(pdf.length - SIGNATURE_CONTENTS_BYTES * 2 - 2);
  });

  it("refuses an empty /Contents, a range that leaves bytes out, a second /ByteRange, bytes after the CMS, and what is not a PDF", async () => {
    const prepared = Buffer.from(await sample());
    expect(refusal(() => readSignatureField(prepared))).toBe("SIGNATURE_MISSING");
    const pdf = filled(prepared);
    const text = pdf.toString("latin1");
    const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text)!;
    const swap = (range: string) => Buffer.from(text.replace(m[0], `/ByteRange ${range}`.padEnd(m[0].length, " ")), "latin1");
    expect(refusal(() => readSignatureField(swap(`[0 ${m[1]} ${m[2]} ${Number(m[3]) - 1}]`)))).toBe("BYTE_RANGE_INVALID");
    expect(refusal(() => readSignatureField(swap(`[1 ${m[1]} ${m[2]} ${m[3]}]`)))).toBe("BYTE_RANGE_INVALID");
    expect(refusal(() => readSignatureField(swap(`[0 ${Number(m[1]) + 2} ${m[2]} ${m[3]}]`)))).toBe("BYTE_RANGE_INVALID");
    const twice = Buffer.from(text.replace("%%EOF", "%/ByteRange [0 1 2 3]\n%%EOF"), "latin1");
    expect(refusal(() => readSignatureField(twice))).toBe("BYTE_RANGE_INVALID");
    expect(refusal(() => readSignatureField(filled(prepared, Buffer.from([0x30, 0x00, 0x05]))))).toBe("CMS_MALFORMED");
    expect(refusal(() => readSignatureField(Buffer.from("%PDF-1.7\nnot much else")))).toBe("NOT_A_PDF");
    expect(refusal(() => readSignatureField(Buffer.alloc(700 * 1024, 0x20)))).toBe("TOO_LARGE");
  });
});
