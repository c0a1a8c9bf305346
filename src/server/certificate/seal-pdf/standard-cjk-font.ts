import { PDFName, PDFString, type PDFDocument, type PDFRef } from "@cantoo/pdf-lib";

/**
 * The sample PDF's Chinese text uses a PDF reader's own Simplified-Chinese font (Adobe-GB1
 * "STSong-Light" with the predefined CMap UniGB-UTF16-H, ISO 32000-1 9.7.5.2), not an embedded
 * one: no font file has to be on the server (a CJK font is on the CI machine but not on every
 * server, and an npm font package adds megabytes for four lines of text), and the output depends
 * only on the text, so the server can build the same bytes again when it checks a signed copy.
 * Acrobat, PDFium, pdf.js and poppler all substitute an installed Song face for it. The cost: the
 * document is not PDF/A, which a signature test does not need.
 */
export const CJK_FONT_NAME = "F1";

export function addStandardCjkFont(doc: PDFDocument): PDFRef {
  const ctx = doc.context;
  const descriptor = ctx.register(
    ctx.obj({ Type: "FontDescriptor", FontName: "STSong-Light", Flags: 6, FontBBox: [-25, -254, 1000, 880], ItalicAngle: 0, Ascent: 880, Descent: -120, CapHeight: 880, StemV: 93 }),
  );
  const cidFont = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "CIDFontType0",
      BaseFont: "STSong-Light",
      CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("GB1"), Supplement: 4 },
      FontDescriptor: descriptor,
      DW: 1000,
      // CIDs 1-95 are the half-width Latin letters, digits and signs UniGB-UTF16-H maps ASCII to.
      W: [1, 95, 500],
    }),
  );
  return ctx.register(ctx.obj({ Type: "Font", Subtype: "Type0", BaseFont: "STSong-Light", Encoding: PDFName.of("UniGB-UTF16-H"), DescendantFonts: [cidFont] }));
}

/** The text as the UTF-16BE hex string UniGB-UTF16-H reads. */
export function utf16Hex(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, "0").toUpperCase();
  return out;
}

/** Width in points of the text at this size: 1000/1000 em for CJK, 500 for ASCII (the W array above). */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) <= 0x7e ? 500 : 1000;
  return (units / 1000) * size;
}
