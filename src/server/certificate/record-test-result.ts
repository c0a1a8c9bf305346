import { z } from "zod";
import { isCustomer } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { lockCertificateForTest, storeTestResult } from "./internal/store-test-result";
import { checkChallenge, verifySubscriberSignature } from "@/server/shared";
import type { SignatureCheck } from "./server-check";

export const recordTestResultInput = z.object({
  certificateId: z.string().uuid(),
  /** The three tests of clause 1.8: information loads, the certificate works, the seal works. */
  kind: z.enum(["INFO_LOADING", "CERTIFICATE", "SEAL"]),
  /** What the subscriber's test page observed; for CERTIFICATE the server's own check decides too. */
  passed: z.boolean(),
  details: z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= 8_000, "TOO_LARGE").default({}),
  /** CERTIFICATE test: the challenge from issueTestChallenge and the signature over it (base64). */
  challenge: z.string().max(1_000).optional(),
  signature: z.string().max(2_000).optional(),
});

/**
 * Records one test run (clause 1.8). The certificate test passes only if the server verifies
 * the subscriber's signature over a fresh challenge with the certificate's public key: a page
 * claiming success proves nothing. A challenge is single-use.
 */
export const recordTestResult = defineUseCase({
  name: "certificate.record-test-result",
  input: recordTestResultInput,
  authorize: isCustomer,
  async run(s, input) {
    const cert = await lockCertificateForTest(s, input.certificateId);

    let passed = input.passed;
    const details: Record<string, unknown> = { ...input.details };
    if (input.kind === "CERTIFICATE") {
      if (!input.challenge || !input.signature) {
        passed = false;
        details.serverCheck = "NO_SIGNATURE" satisfies SignatureCheck;
      } else {
        const c = await checkChallenge(s.tx, input.challenge, cert.id, s.now);
        if (!c.ok) throw domainError("CHALLENGE_INVALID", { reason: c.why });
        const earlier = await s.tx.certificateTestResult.findMany({ where: { certificateId: cert.id, kind: "CERTIFICATE" }, select: { details: true } });
        if (earlier.some((r) => (r.details as { challengeNonce?: unknown } | null)?.challengeNonce === c.nonce)) {
          throw domainError("CHALLENGE_INVALID", { reason: "USED" });
        }
        const valid = verifySubscriberSignature(cert.der, input.challenge, input.signature);
        details.challengeNonce = c.nonce;
        details.serverCheck = (valid ? "SIGNATURE_VALID" : "SIGNATURE_INVALID") satisfies SignatureCheck;
        passed = passed && valid;
      }
    }
    return storeTestResult(s, cert, { kind: input.kind, passed, details, serverCheck: (details.serverCheck as string | undefined) ?? null });
  },
});
