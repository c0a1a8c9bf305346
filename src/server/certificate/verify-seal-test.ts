import { z } from "zod";
import { isCustomer } from "@/server/auth";
import { defineUseCase } from "@/server/core";
import { lockCertificateForTest, storeTestResult } from "./internal/store-test-result";
import { verifySubscriberSignature } from "@/server/shared";
import type { SealCheck } from "./server-check";

/** The sample document the test page seals: its canonical JSON text is what the key signs. */
export const sealSampleDocument = z.object({
  type: z.literal("seal-test-sample"),
  certificateSerial: z.string().max(80),
  /** SHA-256 (hex) of the seal image placed on the sample. */
  sealImageSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** "application": the organisation's SEAL_IMAGE document; "placeholder": none was on file. */
  sealSource: z.enum(["application", "placeholder"]),
  text: z.string().max(2_000),
});

export const verifySealTestInput = z.object({
  certificateId: z.string().uuid(),
  /** The exact signed bytes, as UTF-8 text (canonical JSON of the sample document). */
  document: z.string().max(8_000),
  /** Signature over `document` with the certificate's key (base64). */
  signature: z.string().max(2_000),
});

export type { SealCheck };

/**
 * The seal test (clause 1.8 test 3): the subscriber's page places the organisation's seal image
 * on a sample document and signs the document with the certificate's key. Here the server checks
 * both halves itself: the signature verifies with the certificate, and the seal image the signed
 * content names (by hash) is the seal document of the certificate's application. Without a seal
 * document on file the page uses a labelled placeholder; the signature is still checked, but the
 * test does not pass, since no seal of the organisation was bound.
 */
export const verifySealTest = defineUseCase({
  name: "certificate.verify-seal-test",
  input: verifySealTestInput,
  authorize: isCustomer,
  async run(s, input) {
    const cert = await lockCertificateForTest(s, input.certificateId);
    const profile = await s.tx.certificateProfile.findUnique({ where: { id: cert.profileId }, select: { kind: true } });

    let check: SealCheck;
    const details: Record<string, unknown> = {};
    let parsed: z.infer<typeof sealSampleDocument> | undefined;
    try {
      const r = sealSampleDocument.safeParse(JSON.parse(input.document));
      if (r.success) parsed = r.data;
    } catch {
      /* malformed below */
    }
    if (profile?.kind !== "SEAL") check = "NOT_SEAL_CERTIFICATE";
    else if (!parsed) check = "DOCUMENT_MALFORMED";
    else if (parsed.certificateSerial.toLowerCase() !== cert.serialHex.toLowerCase()) check = "WRONG_CERTIFICATE";
    else if (!verifySubscriberSignature(cert.der, input.document, input.signature)) check = "SIGNATURE_INVALID";
    else {
      const seal = cert.applicationId
        ? await s.tx.document.findFirst({ where: { applicationId: cert.applicationId, kind: "SEAL_IMAGE", erasedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true, sha256: true } })
        : null;
      details.sealDocumentId = seal?.id ?? null;
      if (!seal) check = "PLACEHOLDER_SEAL";
      else check = seal.sha256 === parsed.sealImageSha256 && parsed.sealSource === "application" ? "SIGNED_AND_BOUND" : "SEAL_MISMATCH";
    }
    const passed = check === "SIGNED_AND_BOUND";
    details.serverCheck = check;
    if (parsed) details.sealImageSha256 = parsed.sealImageSha256;

    const stored = await storeTestResult(s, cert, { kind: "SEAL", passed, details, serverCheck: check });
    return { ...stored, serverCheck: check };
  },
});
