import { createHash } from "node:crypto";
import { z } from "zod";
import { AGENT_SCOPE_FOR_KIND } from "@/server/shared";
import { isRaOfficer, officerRegistrationAuthority, requireOrganisationAuthority, withinOfficerRa } from "@/server/auth";
import { type Actor, type Tx, domainError, isDomainError, defineUseCase } from "@/server/core";
import { openDocument } from "./document-crypto";
import { documentKeyRing } from "./document-keys";

export const readDocumentInput = z.object({ documentId: z.string().uuid() });

type ReadVia = "OWNER" | "ORGANISATION_ADMIN" | "AGENT" | "RA_OFFICER";

/**
 * Returns a document's bytes to the person who uploaded their own papers, to whoever acts for the
 * organisation an organisation's papers belong to now (its admins, or an agent whose
 * authorisation is in force and covers the application; the agent named in a letter reads that
 * letter), and to RA officers. Anyone else is told it does not exist. Every read is an audit
 * event, so who looked at whose identity papers can be shown later (clause 6).
 */
export const readDocument = defineUseCase({
  name: "document.read",
  input: readDocumentInput,
  authorize: "signed-in",
  async run(s, input) {
    const doc = await s.tx.document.findUnique({
      where: { id: input.documentId },
      include: {
        application: { select: { id: true, kind: true, organisationId: true, registrationAuthorityId: true } },
        agentAuthorisation: { select: { id: true, organisationId: true, agentUserId: true } },
      },
    });
    if (!doc) throw domainError("NOT_FOUND");
    const via = await accessVia(s.tx, s.actor!, doc, s.now);
    if (doc.erasedAt || !doc.encrypted || !doc.iv || !doc.tag) throw domainError("DOCUMENT_ERASED");
    const bytes = openDocument(await documentKeyRing(), doc.id, { encrypted: doc.encrypted, iv: doc.iv, tag: doc.tag, keyId: doc.keyId });
    if (createHash("sha256").update(bytes).digest("hex") !== doc.sha256) throw domainError("DOCUMENT_INTEGRITY", { reason: "sha256 mismatch" });
    s.audit({
      action: "document.read",
      subjectType: "Document",
      subjectId: doc.id,
      onBehalfOfId: doc.application?.organisationId ?? doc.agentAuthorisation?.organisationId ?? null,
      summary: { via, kind: doc.kind, ownerUserId: doc.ownerUserId, applicationId: doc.applicationId, sha256: doc.sha256 },
    });
    return { documentId: doc.id, fileName: doc.fileName, contentType: doc.sniffedType, size: doc.size, sha256: doc.sha256, bytes };
  },
});

async function accessVia(
  tx: Tx,
  actor: Actor,
  doc: {
    ownerUserId: string;
    application: { kind: keyof typeof AGENT_SCOPE_FOR_KIND; organisationId: string | null; registrationAuthorityId: string | null } | null;
    agentAuthorisation: { organisationId: string; agentUserId: string } | null;
  },
  now: Date,
): Promise<ReadVia> {
  const organisationId = doc.application?.organisationId ?? doc.agentAuthorisation?.organisationId ?? null;
  // A person's own papers: the uploader. An organisation's papers belong to the organisation, so
  // an agent who uploaded them loses access with the authorisation.
  if (!organisationId && doc.ownerUserId === actor.userId) return "OWNER";
  if (isRaOfficer(actor)) {
    // An application's papers are read by the officers who may review it (auth/application-review-access.ts: RA scoping).
    if (doc.application && !withinOfficerRa(await officerRegistrationAuthority(tx, actor), doc.application)) throw domainError("NOT_FOUND");
    return "RA_OFFICER";
  }
  if (!organisationId) throw domainError("NOT_FOUND");
  if (doc.agentAuthorisation?.agentUserId === actor.userId) return "AGENT";
  try {
    const authority = await requireOrganisationAuthority(tx, {
      userId: actor.userId,
      organisationId,
      // A letter belongs to the organisation's admins; an agent reads application papers within the application's scope.
      scope: doc.application ? AGENT_SCOPE_FOR_KIND[doc.application.kind] : "APPLY",
      now,
    });
    if (!doc.application && authority.via === "AGENT") throw domainError("NOT_FOUND");
    return authority.via === "ADMIN" ? "ORGANISATION_ADMIN" : "AGENT";
  } catch (e) {
    if (isDomainError(e) && e.code === "FORBIDDEN") throw domainError("NOT_FOUND");
    throw e;
  }
}
