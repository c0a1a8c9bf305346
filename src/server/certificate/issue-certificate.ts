import { z } from "zod";
import { mayIssueCertificate, requireOfficerMayDecide } from "@/server/auth";
import { loadCaOrUnavailable, caErrorToDomain } from "@/server/ca-service";
import { domainError, defineUseCase } from "@/server/core";
import { refuseBlockedKey } from "@/server/shared";
import { parseCsr } from "@/ca";
import { lockApplicationForIssuance } from "./internal/ready-for-issuance";
import { issuedCertificateAuditEvent, storeIssuedCertificate } from "./store-issued-certificate";
import { subjectForIssuance } from "./internal/verified-subject";
import { renewalCarryOverMs } from "./internal/renewal-carry-over";
import { isDualCertificateProfile, issueDualEncryptionHalf } from "./issue-dual-encryption-half";

export const issueCertificateInput = z.object({ applicationId: z.string().uuid() });

/**
 * An RA officer (or CA administrator) issues the certificate of an approved, paid application
 * from the subscriber's CSR (clause 1.3: the private key never left the subscriber). Exactly
 * once: the application row is locked, its status checked, and the certificate stored with the
 * application id unique, all in this transaction; the loser of a race gets CERT_ALREADY_ISSUED.
 */
export const issueCertificate = defineUseCase({
  name: "certificate.issue",
  input: issueCertificateInput,
  authorize: mayIssueCertificate,
  prepare: (ctx) => loadCaOrUnavailable(ctx),
  async run(s, input, ca) {
    const app = await lockApplicationForIssuance(s.tx, input.applicationId);
    // Separation of duties: nobody issues their own (or their organisation's) certificate; an officer of an RA issues that RA's.
    await requireOfficerMayDecide(s, app, "certificate.issue");
    if (app.keyGeneration !== "CLIENT_CSR") throw domainError("KEY_GENERATION_MISMATCH");
    if (!app.csrDer) throw domainError("CSR_INVALID", { reason: "CSR_MISSING" });
    // The last door before signing (the CA engine checks again in this transaction): a key blocked
    // since the CSR was attached is refused with evidence.
    const spkiSha256 = csrKeyHash(app.csrDer);
    if (spkiSha256) await refuseBlockedKey(s, { spkiSha256, door: "ISSUANCE", applicationId: app.id, onBehalfOfId: app.organisationId });
    const who = subjectForIssuance(app);
    const carryOverMs = await renewalCarryOverMs(s.tx, app, s.now);
    const issued = await ca
      .issueFromCsr(s.tx, { profileCode: app.profile.code, subject: who.subject, subscriberId: who.subscriberId, usageScope: who.usageScope, now: s.now, csr: app.csrDer, carryOverMs })
      .catch(caErrorToDomain);
    const stored = await storeIssuedCertificate(s.tx, { app, who, issued, keyGeneration: "CLIENT_CSR", now: s.now, actorId: s.actor!.userId });
    // GM/T 0034: a dual profile's browser key is the signing key; the KMC's encryption certificate is issued with it, or nothing is.
    const encryption = isDualCertificateProfile(app.profile.code)
      ? await issueDualEncryptionHalf(s, { ca, app, who, signing: { certificateId: stored.certificateId, issued }, carryOverMs })
      : null;
    s.audit(issuedCertificateAuditEvent({ certificateId: stored.certificateId, app, who, issued, ca, keyGeneration: "CLIENT_CSR" }));
    return { certificateId: stored.certificateId, serialHex: issued.serialHex, notAfter: issued.notAfter, encryptionCertificateId: encryption?.certificateId ?? null };
  },
});

/** The SPKI hash of a stored CSR, or null when it no longer parses (the CA engine then refuses it with CSR_INVALID). */
function csrKeyHash(der: Uint8Array): string | null {
  try {
    return parseCsr(der).spkiSha256;
  } catch {
    return null;
  }
}
