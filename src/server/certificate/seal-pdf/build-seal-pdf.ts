import { PDFDocument, PDFHexString, PDFName, PDFString, beginText, endText, moveText, popGraphicsState, pushGraphicsState, rgb, setFillingRgbColor, setFontAndSize, showText } from "@cantoo/pdf-lib";
import zh from "../../../../messages/areas/portal.zh-CN.json";
import en from "../../../../messages/areas/portal.en.json";
import { addStandardCjkFont, CJK_FONT_NAME, textWidth, utf16Hex } from "./standard-cjk-font";

/** Room for the CMS in /Contents: RSA-4096 signer with its certificate and a timestamp token with the TSA's, with margin. */
export const SIGNATURE_CONTENTS_BYTES = 16_384;
const BYTE_RANGE_PLACEHOLDER = "**********";

export interface SealPdfInput {
  /** The organisation as the certificate names it (subject O, else CN). */
  organisation: string;
  serialHex: string;
  /** When the sample was made: the page's date (Asia/Shanghai) and the signature dictionary's /M. */
  preparedAt: Date;
  /** The application's seal image; null draws a placeholder marked as such. */
  image: { contentType: string; bytes: Uint8Array } | null;
}

/** Asia/Shanghai has no daylight saving: UTC+8 all year. */
function shanghai(at: Date) {
  const d = new Date(at.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  const date = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  return { date, pdfTime: `D:${date.replaceAll("-", "")}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+08'00'` };
}

/** The minute the sample was prepared at, as its signature dictionary's /M holds it; undefined when absent or malformed. */
export function preparedAtOf(pdf: Uint8Array): Date | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, Math.min(pdf.byteLength, 4 * 1024 * 1024)).toString("latin1");
  const m = /\/M \(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\+08'00'\)/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * The seal test's sample document (clause 1.8 test 3): one A4 page naming the organisation, the
 * certificate's serial and the date, with the organisation's seal image stamped on it, and an
 * empty PAdES signature (SubFilter ETSI.CAdES.detached, /ByteRange over all but /Contents, an
 * invisible signature widget) for the subscriber's browser to fill. The output is a function of
 * the input only (no random /ID, no producer or clock stamp), so the server checks a signed copy
 * by building the same bytes again.
 */
export async function buildSealPdf(input: SealPdfInput): Promise<Uint8Array> {
  const t = { zh: zh.portalTestPage.seal.pdf, en: en.portalTestPage.seal.pdf };
  const when = shanghai(input.preparedAt);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`${t.zh.title} / ${t.en.title}`);
  const page = doc.addPage([595.28, 841.89]);
  page.node.setFontDictionary(PDFName.of(CJK_FONT_NAME), addStandardCjkFont(doc));

  const line = (text: string, x: number, y: number, size: number, colour: readonly [number, number, number] = [0.1, 0.1, 0.1]) =>
    page.pushOperators(pushGraphicsState(), beginText(), setFillingRgbColor(...colour), setFontAndSize(CJK_FONT_NAME, size), moveText(x, y), showText(PDFHexString.of(utf16Hex(text))), endText(), popGraphicsState());
  line(t.zh.title, 72, 760, 22);
  line(t.en.title, 72, 736, 12, [0.35, 0.35, 0.35]);
  line(t.zh.notice, 72, 700, 11);
  line(t.en.notice, 72, 684, 9, [0.35, 0.35, 0.35]);
  const rows: [string, string][] = [
    [`${t.zh.organisation} ${t.en.organisation}`, input.organisation],
    [`${t.zh.serial} ${t.en.serial}`, input.serialHex.toUpperCase()],
    [`${t.zh.date} ${t.en.date}`, `${when.date} (Asia/Shanghai)`],
  ];
  rows.forEach(([label, value], i) => {
    line(label, 72, 640 - i * 28, 11, [0.35, 0.35, 0.35]);
    line(value, 72 + Math.max(150, textWidth(label, 11) + 12), 640 - i * 28, 11);
  });

  // The seal at the foot of the text, where a stamp goes on a paper document.
  const box = { x: 380, y: 430, size: 130 };
  if (input.image) {
    const img = input.image.contentType === "image/jpeg" ? await doc.embedJpg(input.image.bytes) : await doc.embedPng(input.image.bytes);
    const scale = Math.min(box.size / img.width, box.size / img.height);
    page.drawImage(img, { x: box.x + (box.size - img.width * scale) / 2, y: box.y + (box.size - img.height * scale) / 2, width: img.width * scale, height: img.height * scale });
  } else {
    page.drawCircle({ x: box.x + box.size / 2, y: box.y + box.size / 2, size: box.size / 2 - 4, borderColor: rgb(0.72, 0.11, 0.11), borderWidth: 4, borderDashArray: [8, 6] });
    line(t.zh.placeholder, box.x + (box.size - textWidth(t.zh.placeholder, 12)) / 2, box.y + box.size / 2 - 4, 12, [0.72, 0.11, 0.11]);
  }

  const ctx = doc.context;
  const signature = ctx.register(
    ctx.obj({
      Type: "Sig",
      Filter: "Adobe.PPKLite",
      SubFilter: "ETSI.CAdES.detached",
      ByteRange: [0, PDFName.of(BYTE_RANGE_PLACEHOLDER), PDFName.of(BYTE_RANGE_PLACEHOLDER), PDFName.of(BYTE_RANGE_PLACEHOLDER)],
      Contents: PDFHexString.of("0".repeat(SIGNATURE_CONTENTS_BYTES * 2)),
      M: PDFString.of(when.pdfTime),
      Reason: PDFHexString.fromText(`${t.zh.reason} / ${t.en.reason}`),
    }),
  );
  const widget = ctx.register(
    ctx.obj({ Type: "Annot", Subtype: "Widget", FT: "Sig", Rect: [0, 0, 0, 0], F: 132, T: PDFString.of("SealTest"), V: signature, P: page.ref }),
  );
  page.node.addAnnot(widget);
  doc.catalog.set(PDFName.of("AcroForm"), ctx.obj({ Fields: [widget], SigFlags: 3 }));

  return fillByteRange(await doc.save({ useObjectStreams: false }));
}

/** Writes the real /ByteRange (padded to the placeholder's width) once the file's layout is final. */
function fillByteRange(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString("latin1");
  const placeholder = `[ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`;
  const at = text.indexOf(placeholder);
  const contents = text.indexOf(`<${"0".repeat(SIGNATURE_CONTENTS_BYTES * 2)}>`);
  if (at < 0 || contents < 0 || text.indexOf(placeholder, at + 1) >= 0) throw new Error("seal PDF: signature placeholder not found once");
  const afterContents = contents + SIGNATURE_CONTENTS_BYTES * 2 + 2;
  const range = `[0 ${contents} ${afterContents} ${pdf.length - afterContents}]`;
  if (range.length > placeholder.length) throw new Error("seal PDF: byte range does not fit its placeholder");
  const out = Buffer.from(pdf);
  out.write(range.padEnd(placeholder.length, " "), at, "latin1");
  return new Uint8Array(out);
}
