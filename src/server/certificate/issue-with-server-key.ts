import { z } from "zod";
import { DEFAULT_SERVER_KEY_ALGORITHM, isAcceptablePkcs12Password, PKCS12_PASSWORD_WEAK_ISSUE, SERVER_KEY_ALGORITHMS, type ServerKeyAlgorithm } from "@/domain/certificate";
import { mayActForOrganisation } from "@/server/auth";
import { loadCaOrUnavailable, type ServerKeySpec, caErrorToDomain } from "@/server/ca-service";
import { domainError, defineUseCase } from "@/server/core";
import { lockApplicationForIssuance } from "./internal/ready-for-issuance";
import { issuedCertificateAuditEvent, storeIssuedCertificate } from "./store-issued-certificate";
import { subjectForIssuance } from "./internal/verified-subject";
import { renewalCarryOverMs } from "./internal/renewal-carry-over";

/** The algorithms a subscriber may ask for; adapters validate against this same list. */
export { SERVER_KEY_ALGORITHMS };

const KEY_SPECS: Record<ServerKeyAlgorithm, ServerKeySpec> = {
  "EC-P256": { type: "ec", curve: "P-256" },
  "RSA-2048": { type: "rsa", bits: 2048 },
  "RSA-3072": { type: "rsa", bits: 3072 },
};

export const issueWithServerKeyInput = z.object({
  applicationId: z.string().uuid(),
  /** Chosen by the subscriber, used once to encrypt the PKCS#12, never stored or logged. */
  // The same rule the form checks as the subscriber types: refused here before any key is made.
  pkcs12Password: z.string().refine(isAcceptablePkcs12Password, { message: PKCS12_PASSWORD_WEAK_ISSUE }),
  keyAlgorithm: z.enum(SERVER_KEY_ALGORITHMS).default(DEFAULT_SERVER_KEY_ALGORITHM),
});

/**
 * Server-side key generation (clause 1.3, on request only): the applicant, having an approved
 * and paid application, gives the PKCS#12 password; the key is generated, certified and wrapped
 * at once. Decision: the PKCS#12 (already encrypted under the subscriber's password with
 * PBES2/AES-256) is kept in the Certificate row only until the first download, which erases it:
 * a lost response can be downloaded again, and afterwards the server holds no copy of the key.
 */
export const issueWithServerKey = defineUseCase({
  name: "certificate.issue-with-server-key",
  input: issueWithServerKeyInput,
  authorize: "signed-in",
  prepare: (ctx) => loadCaOrUnavailable(ctx),
  async run(s, input, ca) {
    const app = await lockApplicationForIssuance(s.tx, input.applicationId);
    const actor = s.actor!;
    const own = app.applicantId === actor.userId;
    const forOrg = !own && app.organisationId ? await mayActForOrganisation(s.tx, { userId: actor.userId, organisationId: app.organisationId, scope: "APPLY", now: s.now }) : false;
    if (!own && !forOrg) throw domainError("NOT_FOUND");
    if (app.keyGeneration !== "SERVER_PKCS12") throw domainError("KEY_GENERATION_MISMATCH");
    const who = subjectForIssuance(app);
    const carryOverMs = await renewalCarryOverMs(s.tx, app, s.now);
    const issued = await ca
      .issueWithServerKey(s.tx, {
        carryOverMs,
        profileCode: app.profile.code,
        subject: who.subject,
        subscriberId: who.subscriberId,
        usageScope: who.usageScope,
        now: s.now,
        key: KEY_SPECS[input.keyAlgorithm],
        pkcs12Password: input.pkcs12Password,
      })
      .catch(caErrorToDomain);
    const stored = await storeIssuedCertificate(s.tx, { app, who, issued, keyGeneration: "SERVER_PKCS12", pkcs12: issued.pkcs12, now: s.now, actorId: actor.userId });
    s.audit(issuedCertificateAuditEvent({ certificateId: stored.certificateId, app, who, issued, ca, keyGeneration: "SERVER_PKCS12", extra: { keyAlgorithm: input.keyAlgorithm } }));
    return { certificateId: stored.certificateId, serialHex: issued.serialHex, notAfter: issued.notAfter };
  },
});
