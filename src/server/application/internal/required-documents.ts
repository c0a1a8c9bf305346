import { PROFILES } from "@/ca/issuance/profiles";
import { identityDocumentKinds } from "@/domain/identity";
import type { DocumentKind, IdDocumentType, SubjectType } from "@/generated/prisma/client";

/**
 * The documents a new (or change) application must carry before it is submitted, decided in one
 * place for the server's check and for the wizard's list shown up front: an individual's identity
 * document (front, and back for a resident ID card: identityDocumentKinds in src/domain, which the
 * client-side wizard asks as well); an organisation's business licence and, for a seal
 * certificate, the seal's image, which the seal test puts on its sample document (clause 1.8).
 * An agent's authorisation letter is not among them: the RA checked it with the authorisation.
 */
export function requiredDocumentKinds(a: { subjectType: SubjectType; profileCode: string; idDocumentType?: IdDocumentType | null }): DocumentKind[] {
  if (a.subjectType === "ORGANISATION") return isSealProfile(a.profileCode) ? ["BUSINESS_LICENCE", "SEAL_IMAGE"] : ["BUSINESS_LICENCE"];
  return identityDocumentKinds(a.idDocumentType);
}

function isSealProfile(profileCode: string): boolean {
  return PROFILES[profileCode]?.subject.some((f) => f.from === "sealName") ?? false;
}
