// Fuzz stage, uploads (/apply/documents): identity and organisation documents, and the seal image,
// FUZZ_RUNS malformed files each through attachDocument, the use case the route handler calls.
// Expected: stored (a mutation can leave a file valid) or refused with a document code; a refused
// file leaves no Document row, no audit event and no version bump.
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { attachDocument } from "@/server/application/attach-document";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { sniffDocumentType } from "@/server/document/internal/sniff-type";
import { jpegBytes, pdfBytes, pngBytes } from "@/testing/fixtures/sample-files";
import { makeApplication, openWorld, type World } from "../certificate/fixtures";
import { fuzz, FUZZ_RUNS, FUZZ_TIMEOUT_MS, refusal } from "./fuzz-harness";
import { malformedFile } from "./malformed-inputs";
import { rowCounts } from "./row-counts";

let w: World;
let applicationId: string;
const REFUSALS = ["DOCUMENT_CORRUPT", "DOCUMENT_TYPE_NOT_ALLOWED", "DOCUMENT_EMPTY", "DOCUMENT_TOO_LARGE", "VALIDATION_FAILED"];

beforeAll(async () => {
  w = await openWorld();
  setDocumentKeyRing(makeDocumentKeyRing(Buffer.alloc(32, 7)));
  applicationId = (await makeApplication(w, { applicant: "alice", status: "SUBMITTED" })).applicationId;
  await w.db.prisma.application.update({ where: { id: applicationId }, data: { status: "DRAFT" } });
}, 120_000);
afterAll(async () => {
  setDocumentKeyRing(null);
  await w?.close();
});

/**
 * A PNG of up to ~9.6 MB of empty chunks (just under the 10 MB limit): the chunk walker's worst
 * case. Its end chunk's CRC is wrong, so the whole walk happens and the file is refused: storing
 * megabytes that are a valid file is not parsing, and on the embedded database an insert of a few
 * MB holds the event loop by itself (see the report of issue 12).
 */
const manyChunksPng = fc.record({ n: fc.integer({ min: 1_000, max: 800_000 }), badCrc: fc.integer({ min: 1, max: 0xffffffff }) }).map(({ n, badCrc }) => {
  const png = pngBytes();
  const ihdrEnd = 8 + 12 + 13;
  const chunk = Buffer.from([0, 0, 0, 0, 0x74, 0x45, 0x58, 0x74, 0, 0, 0, 0]); // tEXt, empty
  const iend = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0]);
  iend.writeUInt32BE((crc32(iend.subarray(4, 8)) ^ badCrc) >>> 0, 8);
  return Buffer.concat([png.subarray(0, ihdrEnd), Buffer.alloc(n * chunk.length, chunk), iend]);
});

async function uploads(name: string, kinds: readonly ("ID_FRONT" | "ID_BACK" | "BUSINESS_LICENCE" | "AUTHORISATION_LETTER" | "SEAL_IMAGE")[], samples: Buffer[]) {
  const before = await rowCounts(w.db.prisma);
  const { version } = await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
  const input = fc.record({
    kind: fc.constantFrom(...kinds),
    bytes: fc.oneof({ weight: 9, arbitrary: malformedFile(samples) }, { weight: 1, arbitrary: manyChunksPng }),
    fileName: fc.oneof(fc.constantFrom("scan.jpg", "seal.png", "licence.pdf"), fc.string({ maxLength: 260 })),
  });
  let stored = 0;
  const report = await fuzz(name, input, async ({ kind, bytes, fileName }) => {
    try {
      await attachDocument(w.as("alice"), { applicationId, kind, file: { fileName, bytes } });
      stored++;
      return "stored";
    } catch (e) {
      return refusal(e, REFUSALS);
    }
  });
  expect(report.runs).toBe(FUZZ_RUNS);
  expect(report.blocking).toEqual([]);
  expect(report.outcomes["refused:DOCUMENT_CORRUPT"]! + (report.outcomes["refused:DOCUMENT_TYPE_NOT_ALLOWED"] ?? 0)).toBeGreaterThan(FUZZ_RUNS / 4);
  // every stored file is one Document row and one audit event; a refused one leaves nothing
  const after = await rowCounts(w.db.prisma);
  expect(after).toEqual({ ...before, Document: before.Document! + stored, AuditEvent: before.AuditEvent! + stored });
  expect((await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).version).toBe(version + stored);
}

describe(`fuzz: uploads, ${FUZZ_RUNS} malformed files per type`, { timeout: FUZZ_TIMEOUT_MS }, () => {
  it("identity and organisation documents (JPEG, PNG, PDF)", async () => {
    await uploads("documents", ["ID_FRONT", "ID_BACK", "BUSINESS_LICENCE", "AUTHORISATION_LETTER"], [jpegBytes(3), pngBytes(), pdfBytes("身份证 scan")]);
  });
  it("a PNG of 800,000 empty chunks (valid header and end) is refused as corrupt, quickly", async () => {
    const png = pngBytes();
    const iend = png.subarray(png.length - 12);
    const chunk = Buffer.from([0, 0, 0, 0, 0x74, 0x45, 0x58, 0x74, 0, 0, 0, 0]);
    const bytes = Buffer.concat([png.subarray(0, 33), Buffer.alloc(800_000 * 12, chunk), iend]);
    const t0 = performance.now();
    expect(sniffDocumentType(bytes)).toEqual({ ok: false, code: "DOCUMENT_CORRUPT" });
    expect(performance.now() - t0).toBeLessThan(100);
    // the same header and end around a few chunks is a valid PNG
    expect(sniffDocumentType(Buffer.concat([png.subarray(0, 33), Buffer.alloc(10 * 12, chunk), iend]))).toEqual({ ok: true, type: "image/png" });
  });
  it("seal image", async () => {
    await uploads("seal-image", ["SEAL_IMAGE"], [pngBytes(), jpegBytes(5)]);
  });
});
