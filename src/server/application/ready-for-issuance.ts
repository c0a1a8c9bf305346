import type { Tx } from "@/server/core/context";
import { domainError } from "@/server/core/errors";
import { REVOKES_REPLACED } from "./application-kinds";

/**
 * For the issuance use case (helper CERT): refuses unless the application is approved and its fee
 * is paid or not required (clause 1.9). Call it inside the issuing transaction, after locking or
 * conditionally updating the application, so the answer still holds when the certificate is written.
 */
export async function assertReadyForIssuance(tx: Tx, applicationId: string) {
  const app = await tx.application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      kind: true,
      status: true,
      feeStatus: true,
      applicantId: true,
      subjectType: true,
      organisationId: true,
      subscriberIdentityId: true,
      profileId: true,
      keyGeneration: true,
      replacesCertificateId: true,
      declarations: true,
      version: true,
    },
  });
  if (!app) throw domainError("NOT_FOUND");
  if (app.status !== "APPROVED") throw domainError("INVALID_STATE_TRANSITION", { from: app.status, action: "ISSUE" });
  if (app.feeStatus === "UNPAID") throw domainError("APPLICATION_FEE_UNPAID", { from: app.status, action: "ISSUE" });
  return app;
}

/**
 * What issuing this application does to the certificate it replaces: for a change of information
 * (and a rekey or ordered update) the old certificate is revoked as SUPERSEDED once the new one is
 * issued; a renewal leaves it to expire. CERT calls this in the issuing transaction and sets
 * `supersededById` / revokes accordingly.
 */
export async function replacementFor(tx: Tx, applicationId: string): Promise<{ certificateId: string; revokeAsSuperseded: boolean } | null> {
  const app = await tx.application.findUnique({ where: { id: applicationId }, select: { kind: true, replacesCertificateId: true } });
  if (!app) throw domainError("NOT_FOUND");
  if (!app.replacesCertificateId) return null;
  return { certificateId: app.replacesCertificateId, revokeAsSuperseded: REVOKES_REPLACED[app.kind] };
}

/** Clause 1.2: whether the subscriber consented to the certificate being listed in the public query. */
export function consentsToCertificateQuery(declarations: unknown): boolean {
  return typeof declarations === "object" && declarations !== null && (declarations as Record<string, unknown>).consentToCertificateQuery === true;
}
