import { z } from "zod";
import { isCustomer } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { lockCertificateForTest, storeTestResult } from "./internal/store-test-result";
import { checkChallenge, verifySubscriberSignature } from "@/server/shared";
import type { ServerCheck } from "./server-check";

export const recordTestResultInput = z.object({
  certificateId: z.string().uuid(),
  /** The three tests of clause 1.8: information loads, the certificate works, the seal works. */
  kind: z.enum(["INFO_LOADING", "CERTIFICATE", "SEAL"]),
  /**
   * What the subscriber's test page observed. Only a failure counts as it is (the subscriber saw
   * it fail: grounds for an objection); a pass is the server's to give, from the evidence below.
   */
  passed: z.boolean(),
  /** INFO_LOADING evidence: `shownSerial`, the serial number the page showed (hex). */
  details: z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= 8_000, "TOO_LARGE").default({}),
  /** CERTIFICATE test: the challenge from issueTestChallenge and the signature over it (base64). */
  challenge: z.string().max(1_000).optional(),
  signature: z.string().max(2_000).optional(),
});

/**
 * Records one test run (clause 1.8); the server decides every result, the page sends evidence:
 * - INFO_LOADING passes when the page showed this certificate (its serial number, `shownSerial`);
 * - CERTIFICATE passes only if the server verifies the subscriber's signature over a fresh,
 *   single-use challenge with the certificate's public key: a page claiming success proves nothing;
 * - SEAL never passes here: the seal test's evidence (a signed sample document) goes to
 *   verifySealTest; here only a run without a key is recorded, as a failure.
 * A failure the page itself reports (`passed: false`) is recorded as one whatever the evidence:
 * the subscriber saw the test fail, and a failed test is what an objection rests on.
 */
export const recordTestResult = defineUseCase({
  name: "certificate.record-test-result",
  input: recordTestResultInput,
  authorize: isCustomer,
  async run(s, input) {
    const cert = await lockCertificateForTest(s, input.certificateId);

    const details: Record<string, unknown> = { ...input.details };
    let check: ServerCheck;
    if (input.kind === "INFO_LOADING") {
      const shown = typeof input.details.shownSerial === "string" ? input.details.shownSerial : "";
      check = !input.passed ? "INFO_NOT_SHOWN" : shown.toLowerCase() === cert.serialHex.toLowerCase() ? "INFO_SHOWN" : "INFO_MISMATCH";
    } else if (input.kind === "SEAL" || !input.challenge || !input.signature) {
      check = "NO_SIGNATURE";
    } else {
      const c = await checkChallenge(s.tx, input.challenge, cert.id, s.now);
      if (!c.ok) throw domainError("CHALLENGE_INVALID", { reason: c.why });
      const earlier = await s.tx.certificateTestResult.findMany({ where: { certificateId: cert.id, kind: "CERTIFICATE" }, select: { details: true } });
      if (earlier.some((r) => (r.details as { challengeNonce?: unknown } | null)?.challengeNonce === c.nonce)) {
        throw domainError("CHALLENGE_INVALID", { reason: "USED" });
      }
      details.challengeNonce = c.nonce;
      check = verifySubscriberSignature(cert.der, input.challenge, input.signature) ? "SIGNATURE_VALID" : "SIGNATURE_INVALID";
    }
    const passed = input.passed && (check === "INFO_SHOWN" || check === "SIGNATURE_VALID");
    details.serverCheck = check;
    return storeTestResult(s, cert, { kind: input.kind, passed, details, serverCheck: check });
  },
});
