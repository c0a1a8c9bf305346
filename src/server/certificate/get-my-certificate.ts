import { z } from "zod";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { PROFILES } from "@/ca/issuance/profiles";
import { TERMINAL_APPLICATION_STATUSES } from "@/domain/application";
import { keyOriginOf } from "@/domain/application/key-origin";
import { certificateNextStep } from "@/domain/application";
import { allowedCertificateActions, deriveCertificateState, renewalTerms, renewalWindowOf } from "@/domain/certificate";
import { requireHolder } from "@/server/auth";
import { OPEN_UPDATE_TARGETS, certificateFacts, renewalWindowSettings } from "@/server/shared";
import { issuerChain } from "./internal/issuer-chain";
import { domainError, defineQuery } from "@/server/core";

/**
 * The certificate page's facts for its holder (or an agent acting for the organisation): what the
 * certificate says, where it stands, and the times that decide liability (receipt, test window,
 * acceptance, hold, revocation). Strangers get NOT_FOUND, as everywhere.
 */
export const getMyCertificate = defineQuery({
  name: "portal.certificate.get",
  input: z.object({ certificateId: z.string().uuid() }),
  authorize: "signed-in",
  async run(ctx, input) {
    const c = await ctx.db.certificate.findUnique({
      where: { id: input.certificateId },
      include: {
        objections: { orderBy: { raisedAt: "asc" } },
        profile: { select: { code: true, nameZh: true, nameEn: true, kind: true, feeCents: true, validityDays: true, renewalOpensDaysBefore: true, renewalClosesDaysAfter: true, renewalContinuesValidity: true } },
        issuer: { select: { subjectDn: true, name: true } },
        testResults: { orderBy: { runAt: "asc" }, select: { id: true, kind: true, passed: true, runAt: true } },
        // An update notice still asking for a replacement lifts the renewal window (certificateFacts).
        updateNoticeTargets: OPEN_UPDATE_TARGETS,
        // How the key was made (browser, uploaded request, server): the page names it (issue 15).
        application: { select: { csrSource: true } },
        // GM/T 0034 dual pair: the other half (the page offers to open the encryption key's envelope).
        signingCertificate: { select: { id: true } },
        encryptionCertificate: { select: { id: true, publicKeySha256: true } },
      },
    });
    if (!c) throw domainError("NOT_FOUND");
    await ctx.db.$transaction((tx) => requireHolder(tx, c, ctx.actor!, "TEST", ctx.now));
    const facts = certificateFacts(c);
    const state = deriveCertificateState(facts, ctx.now);
    const chain = await ctx.db.$transaction((tx) => issuerChain(tx, c.issuerId));
    // A renewal, rekey, update or change already under way (requestRenewal refuses a second one).
    const openReplacement = await ctx.db.application.findFirst({
      where: { replacesCertificateId: c.id, status: { notIn: [...TERMINAL_APPLICATION_STATUSES] } },
      select: { id: true, kind: true, applicantId: true },
    });
    return {
      id: c.id,
      serialHex: c.serialHex,
      certificatePem: derToPem(Buffer.from(c.der), "CERTIFICATE"),
      chainPems: chain.map((d) => derToPem(d, "CERTIFICATE")),
      subjectDn: c.subjectDn,
      issuerDn: c.issuer.subjectDn,
      issuerName: c.issuer.name,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      profile: { code: c.profile.code, nameZh: c.profile.nameZh, nameEn: c.profile.nameEn, kind: c.profile.kind },
      /** The key a browser makes when this certificate is renewed with a new key: SM2 for the SM2 family (issue 17), P-256 otherwise. */
      browserKeyAlgorithm: PROFILES[c.profile.code]?.family === "sm2" ? ("SM2" as const) : ("EC-P256" as const),
      /** The profile's renewal window for this certificate (clause 4 / 7.5); `can.renew` says where now stands in it. */
      renewalWindow: { ...renewalWindowOf(c.notAfter, renewalWindowSettings(c.profile)!), continuesValidity: c.profile.renewalContinuesValidity },
      /** What a renewal would cost (fen) and give (validity, end if issued now), shown before the subscriber commits. */
      renewalTerms: renewalTerms({ feeCents: c.profile.feeCents, validityDays: c.profile.validityDays, window: renewalWindowSettings(c.profile)!, oldNotAfter: c.notAfter }, ctx.now),
      /** The replacement application under way, if any; `mine` when the signed-in person started it (its page is theirs). */
      openReplacement: openReplacement ? { id: openReplacement.id, kind: openReplacement.kind, mine: openReplacement.applicantId === ctx.actor!.userId } : null,
      /** SHA-256 of the certificate's public key: the renewal page finds the key in this browser by it. */
      publicKeySha256: c.publicKeySha256,
      keyGeneration: c.keyGeneration,
      keyOrigin: keyOriginOf(c.keyGeneration, c.application?.csrSource),
      hasPkcs12: c.pkcs12 !== null,
      /** A dual pair's half (issue 17): its role, the other half, and the encryption key's SPKI hash (how the browser finds it once opened). */
      dualPair: dualPairView(c),
      applicationId: c.applicationId,
      subscriberOrganisationId: c.subscriberOrganisationId,
      deliveryMethod: c.deliveryMethod,
      deliveredAt: c.deliveredAt,
      receiptAt: c.receiptAt,
      testWindowDeadline: c.testWindowDeadline,
      testWindowProvisional: c.testWindowProvisional,
      /** The test window's deadline while the window runs (the page counts down to it), else null. */
      testWindowCountdown: state.status === "IN_TEST_WINDOW" ? c.testWindowDeadline : null,
      acceptedAt: c.acceptedAt,
      acceptanceKind: c.acceptanceKind,
      holdAt: c.holdAt,
      revokedAt: c.revokedAt,
      revocationReason: c.revocationReason,
      status: state.status,
      usable: state.usable,
      acceptance: state.acceptance,
      /** What happens next and who acts (issue 15): "待交付" says to download it, the test window until when. */
      next: certificateNextStep({ id: c.id, status: state.status, testWindowDeadline: c.testWindowDeadline, testWindowProvisional: c.testWindowProvisional, awaiting: state.awaiting }),
      objections: c.objections.map((o) => ({ id: o.id, raisedAt: o.raisedAt, status: o.status, resolution: o.resolution, late: o.late })),
      testResults: c.testResults,
      /** What the page may offer now, with the reason for each no: the rule the use cases enforce (change reads the open replacement too). */
      can: allowedCertificateActions({ ...facts, replacementOpen: openReplacement !== null }, ctx.now),
    };
  },
});

function dualPairView(c: {
  keyRole: "SIGNING" | "ENCRYPTION" | null;
  publicKeySha256: string;
  signingCertificate: { id: string } | null;
  encryptionCertificate: { id: string; publicKeySha256: string } | null;
}): { role: "SIGNING" | "ENCRYPTION"; partnerId: string; encryptionSpkiSha256: string } | null {
  if (c.keyRole === "SIGNING" && c.encryptionCertificate) return { role: "SIGNING", partnerId: c.encryptionCertificate.id, encryptionSpkiSha256: c.encryptionCertificate.publicKeySha256 };
  if (c.keyRole === "ENCRYPTION" && c.signingCertificate) return { role: "ENCRYPTION", partnerId: c.signingCertificate.id, encryptionSpkiSha256: c.publicKeySha256 };
  return null;
}
