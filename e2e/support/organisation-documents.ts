// What the organisation journeys upload and type: a fresh credit code and a real one-page PDF.
import { usccCheckChar } from "../../src/domain/identity/uscc";

/**
 * A fresh, checksum-valid unified social credit code (each run registers a new organisation). The
 * last digit is the worker's parallel index, so two workers in the same millisecond differ.
 */
export function freshUscc(regionPrefix = "91350100"): string {
  const worker = Number(process.env.TEST_PARALLEL_INDEX ?? 0) % 10;
  const first17 = `${regionPrefix}${Date.now().toString().slice(-8)}${worker}`;
  return first17 + usccCheckChar(first17);
}

/** A one-page PDF with a line of text and a correct cross-reference table, so the viewer shows it. */
export function onePagePdf(title: string): Buffer {
  const text = `BT /F1 18 Tf 40 100 Td (${title}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
