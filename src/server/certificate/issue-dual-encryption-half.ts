import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { issueForPublicKey, profileOf, type IssuanceDeps } from "@/ca/issuance/issue-certificate";
import { PROFILES, type CertificateProfile } from "@/ca/issuance/profiles";
import { encryptionHalfOf, isDualProfile } from "@/ca/kmc/encryption-profile";
import { generateSm2KeyPair, sealSm2EnvelopedKey } from "@/ca/kmc/sm2-enveloped-key";
import { sm2PublicKeyHex, sm2Spki } from "@/ca/keys/sm2";
import { consentsToCertificateQuery } from "@/server/application";
import { caErrorToDomain } from "@/server/ca-service";
import { domainError, type CaService, type IssueOutcome, type UseCaseScope } from "@/server/core";
import { escrowEncryptionKey } from "@/server/kmc";
import type { ApplicationForIssuance } from "./internal/ready-for-issuance";
import type { SubjectForIssuance } from "./internal/verified-subject";
import { insertCertificateRow, issuedCertificateAuditEvent } from "./store-issued-certificate";

/** True when the application's engine profile is a GM/T 0034 signing + encryption pair. */
export function isDualCertificateProfile(profileCode: string): boolean {
  const profile: CertificateProfile | undefined = PROFILES[profileCode];
  return profile ? isDualProfile(profile) : false;
}

/**
 * The second half of a dual pair, in the issuing transaction, right after the signing certificate
 * was stored: the key-management component makes an SM2 encryption key pair, the CA certifies it
 * with the same subject, validity and issuer under the profile's encryption usage, the two rows
 * are linked (keyRole, signingCertificateId), the private key is escrowed sealed, and the
 * subscriber's copy is enveloped to the signing certificate's public key (GB/T 35276
 * SM2EnvelopedKey). The clear private key lives only in this function's memory.
 */
export async function issueDualEncryptionHalf(
  s: UseCaseScope,
  args: { ca: CaService; app: ApplicationForIssuance; who: SubjectForIssuance; signing: { certificateId: string; issued: IssueOutcome }; carryOverMs: number },
): Promise<{ certificateId: string; escrowedKeyId: string; issued: IssueOutcome }> {
  const { ca, app, who, signing } = args;
  const profile = encryptionHalfOf(profileOf({}, app.profile.code));
  const signingPoint = sm2PublicKeyHex(parseCertificate(signing.issued.certificate).spki);
  const pair = generateSm2KeyPair();
  const issued = await issueForPublicKey(kmcIssuanceDeps(s, ca, profile), {
    profileId: profile.id,
    subject: who.subject,
    subscriberId: who.subscriberId,
    usageScope: who.usageScope,
    ...(args.carryOverMs ? { carryOverMs: args.carryOverMs } : {}),
    spki: sm2Spki(pair.publicKeyHex),
  }).catch(caErrorToDomain);
  // One pair, one life cycle: the same validity is the engine's doing (same clock, same profile validity), checked here.
  if (issued.notAfter.getTime() !== signing.issued.notAfter.getTime() || issued.issuerId !== signing.issued.issuerId) {
    throw domainError("CA_UNAVAILABLE", { reason: "the encryption certificate does not match its signing certificate" });
  }
  const outcome: IssueOutcome = { ...issued, issuerRowId: ca.rowIdOf(issued.issuerId) };
  const row = await insertCertificateRow(s.tx, {
    issued: outcome,
    applicationId: null,
    subscriberUserId: who.subscriberUserId,
    subscriberOrganisationId: who.subscriberOrganisationId,
    profileId: app.profileId,
    keyGeneration: "CLIENT_CSR",
    publishConsent: consentsToCertificateQuery(app.declarations),
  });
  await s.tx.certificate.update({ where: { id: row.id }, data: { keyRole: "ENCRYPTION", signingCertificateId: signing.certificateId } });
  await s.tx.certificate.update({ where: { id: signing.certificateId }, data: { keyRole: "SIGNING" } });

  const envelope = sealSm2EnvelopedKey(pair, signingPoint);
  const escrow = await escrowEncryptionKey(s.tx, { certificateId: row.id, publicKeySha256: issued.spkiSha256, privateKey: Buffer.from(pair.privateKeyHex, "hex"), envelope, now: s.now });
  pair.privateKeyHex = "";

  s.auditConsequence({ action: "kmc.key-generated", subjectType: "Certificate", subjectId: row.id, onBehalfOfId: who.subscriberOrganisationId, summary: { signingCertificateId: signing.certificateId, algorithm: "SM2", spkiSha256: issued.spkiSha256 } });
  s.auditConsequence(issuedCertificateAuditEvent({ certificateId: row.id, app, who, issued: outcome, ca, keyGeneration: "CLIENT_CSR", extra: { keyAlgorithm: "SM2" } }));
  s.auditConsequence({ action: "kmc.key-escrowed", subjectType: "EscrowedKey", subjectId: escrow.escrowedKeyId, onBehalfOfId: who.subscriberOrganisationId, summary: { certificateId: row.id, sealKeyId: escrow.sealKeyId, spkiSha256: issued.spkiSha256 } });
  return { certificateId: row.id, escrowedKeyId: escrow.escrowedKeyId, issued: outcome };
}

/**
 * The engine's issuance dependencies for the KMC's key, on the caller's transaction: the
 * encryption-half profile, and the same serial reservation as the CA service's. The key is one
 * the KMC made a moment ago, so no subscriber can hold it; a certificate already on it would be a
 * broken random source, and is refused.
 */
function kmcIssuanceDeps(s: UseCaseScope, ca: CaService, profile: CertificateProfile): IssuanceDeps {
  return {
    hierarchy: ca.hierarchy,
    clock: { now: () => s.now },
    profiles: { [profile.id]: profile },
    serials: { reserve: async (issuerEntityId, serialHex) => (await s.tx.certificate.count({ where: { issuerId: ca.rowIdOf(issuerEntityId), serialHex } })) === 0 },
    keyOwnership: {
      async ownerOf(spkiSha256) {
        if ((await s.tx.certificate.count({ where: { publicKeySha256: spkiSha256 } })) > 0) throw domainError("CA_UNAVAILABLE", { reason: "the KMC's new key is already certified" });
        return null;
      },
    },
  };
}
