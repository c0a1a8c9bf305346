import { createHash } from "node:crypto";
import { z } from "zod";
import { isCustomer } from "@/server/auth";
import { defineUseCase, domainError } from "@/server/core";
import { verificationContext } from "@/server/verification";
import { lockCertificateForTest, storeTestResult } from "./internal/store-test-result";
import { preparedAtOf } from "./seal-pdf/build-seal-pdf";
import { loadSealImage } from "./seal-pdf/seal-image";
import { sealSamplePdf } from "./seal-pdf/sample";
import { MAX_SEAL_PDF_BYTES, readSignatureField, SealPdfRefused, type SealPdfRefusal } from "./seal-pdf/signature-field";
import { isSm2Certificate, verifySealPdfSignature, type SealPdfSignature } from "./seal-pdf/verify-seal-pdf";
import type { SealCheck } from "./server-check";

export type { SealCheck, SealPdfRefusal };
export { SEAL_PDF_REFUSALS, MAX_SEAL_PDF_BYTES } from "./seal-pdf/signature-field";
export { sealSamplePdf } from "./seal-pdf/sample";
export { isSm2Certificate } from "./seal-pdf/verify-seal-pdf";

export const verifySealTestInput = z.object({
  certificateId: z.string().uuid(),
  /** The signed sample PDF, base64; bounded before it is decoded. */
  pdf: z.string().max(Math.ceil(MAX_SEAL_PDF_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

/** How long a sample stays good for signing: a day (the page makes a new one on each visit). */
const SAMPLE_LIFETIME_MS = 24 * 3600_000;
const CLOCK_SKEW_MS = 5 * 60_000;

const refused = (refusal: SealPdfRefusal, why?: string) => domainError("SEAL_PDF_REFUSED", { rule: refusal, why });

/**
 * The seal test (clause 1.8 test 3): the page gets a sample PDF the server made (organisation,
 * serial, date, the application's seal image) and sends it back signed in the browser with the
 * certificate's key as PAdES B-T. The signature is verified by the CA engine before the
 * transaction (prepare): a file that is not a PDF, a broken /ByteRange, a changed byte, another
 * key, a missing or foreign timestamp are refused with their reason and nothing is stored. A file
 * that passes is compared byte for byte, outside /Contents, with the sample the server builds
 * again for this certificate at the time the file's /M names: the same sample with the
 * application's seal passes; with the placeholder seal (none on file) or any other content it is
 * recorded as failed, with why.
 */
export const verifySealTest = defineUseCase({
  name: "certificate.verify-seal-test",
  input: verifySealTestInput,
  authorize: isCustomer,
  async prepare(ctx, input): Promise<{ pdf: Buffer; signature: SealPdfSignature }> {
    const pdf = Buffer.from(input.pdf, "base64");
    try {
      return { pdf, signature: await verifySealPdfSignature(pdf, ctx.clock.now(), await verificationContext(ctx.db)) };
    } catch (e) {
      if (e instanceof SealPdfRefused) throw refused(e.refusal, e.message);
      throw e;
    }
  },
  async run(s, input, { pdf, signature }) {
    const cert = await lockCertificateForTest(s, input.certificateId);
    const profile = await s.tx.certificateProfile.findUnique({ where: { id: cert.profileId }, select: { kind: true } });
    if (isSm2Certificate(cert.der)) throw refused("SM2_NOT_SUPPORTED");
    if (!Buffer.from(cert.der).equals(signature.signerDer)) throw refused("WRONG_CERTIFICATE");
    const preparedAt = preparedAtOf(pdf);
    if (!preparedAt || preparedAt.getTime() > s.now.getTime() + CLOCK_SKEW_MS || preparedAt.getTime() < s.now.getTime() - SAMPLE_LIFETIME_MS) {
      throw refused("SAMPLE_EXPIRED");
    }

    const details: Record<string, unknown> = {
      format: "PAdES-B-T",
      pdfSha256: createHash("sha256").update(pdf).digest("hex"),
      cmsSha256: signature.cmsSha256,
      timestampedAt: signature.timestampedAt.toISOString(),
      timestampSerialHex: signature.timestampSerialHex ?? null,
      preparedAt: preparedAt.toISOString(),
    };
    let check: SealCheck;
    if (profile?.kind !== "SEAL") check = "NOT_SEAL_CERTIFICATE";
    else {
      const seal = await loadSealImage(s.tx, cert.applicationId);
      details.sealDocumentId = seal?.documentId ?? null;
      details.sealImageSha256 = seal?.sha256 ?? null;
      const expected = await sealSamplePdf({ certificateDer: cert.der, serialHex: cert.serialHex, preparedAt, image: seal });
      const same = sameOutsideContents(pdf, Buffer.from(expected));
      check = !same ? "SEAL_MISMATCH" : seal ? "SIGNED_AND_BOUND" : "PLACEHOLDER_SEAL";
    }
    details.serverCheck = check;
    const stored = await storeTestResult(s, cert, { kind: "SEAL", passed: check === "SIGNED_AND_BOUND", details, serverCheck: check });
    return { ...stored, serverCheck: check };
  },
});

/** The signed file is the server's sample with only /Contents filled in. */
function sameOutsideContents(signed: Buffer, prepared: Buffer): boolean {
  if (signed.length !== prepared.length) return false;
  const [, b, c] = readSignatureField(signed).byteRange;
  return signed.subarray(0, b).equals(prepared.subarray(0, b)) && signed.subarray(c).equals(prepared.subarray(c));
}
