import { createHash } from "node:crypto";
import { z } from "zod";
import { parseCsr } from "@/ca";
import { caErrorToDomain } from "@/server/ca-service";
import { domainError, defineUseCase } from "@/server/core";
import { refuseBlockedKey } from "@/server/shared";
import { loadApplicationAsApplicant } from "./application-access";
import { requireEditable, updateApplicationIfUnchanged } from "./application-status";

export const attachCsrInput = z.object({
  applicationId: z.string().uuid(),
  /** PKCS#10 in PEM (as built in the browser or exported by a token tool / OpenSSL). */
  csrPem: z.string().min(1).max(20_000),
  /** BROWSER: the portal's page made the key here; UPLOADED (default): a request made elsewhere. Shown as the key's origin. */
  source: z.enum(["BROWSER", "UPLOADED"]).default("UPLOADED"),
});

/**
 * Clause 1.3: the applicant's own key. The browser (or a token, or OpenSSL) made the key pair and
 * signed this request; only the request reaches the server. The proof of possession is checked
 * now so the applicant hears at once about a broken request, not after the RA's approval.
 */
export const attachCsr = defineUseCase({
  name: "application.attach-csr",
  input: attachCsrInput,
  authorize: "signed-in",
  async run(s, input) {
    const { application } = await loadApplicationAsApplicant(s.tx, s.actor!, input.applicationId, s.now);
    requireEditable(application, "ATTACH_CSR");
    if (application.keyGeneration !== "CLIENT_CSR") throw domainError("INVALID_STATE_TRANSITION", { from: application.keyGeneration, action: "ATTACH_CSR" });
    let parsed;
    try {
      parsed = parseCsr(input.csrPem);
    } catch (e) {
      caErrorToDomain(e);
    }
    // A key a key-compromise revocation blocked is never certified again: refused here, at the first door.
    await refuseBlockedKey(s, { spkiSha256: parsed.spkiSha256, door: "CSR", applicationId: application.id, onBehalfOfId: application.organisationId });
    await updateApplicationIfUnchanged(s.tx, application, { csrDer: Uint8Array.from(parsed.der), publicKeySha256: parsed.spkiSha256, csrSource: input.source });
    s.audit({
      action: "application.csr-attached",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { keyType: parsed.keyType, spkiSha256: parsed.spkiSha256, csrSha256: createHash("sha256").update(parsed.der).digest("hex") },
    });
    return { applicationId: application.id, keyType: parsed.keyType };
  },
});
