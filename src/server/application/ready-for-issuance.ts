import { applicationTransition } from "@/domain/application";
import { type Tx, domainError } from "@/server/core";
import type { Application } from "@/generated/prisma/client";
import { nextStatus, updateApplicationIfUnchanged } from "./application-status";

/**
 * For the issuance use case (helper CERT): locks the application row until the end of the
 * caller's transaction and refuses unless it is approved and its fee is paid or not required
 * (clause 1.9). With the lock held, a second issuer (or a double click) waits and then finds the
 * application ISSUED. Returns the application with what issuance reads (identity, organisation,
 * profile, applicant, and any certificate already issued for it).
 */
export async function assertReadyForIssuance(tx: Tx, applicationId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Application" WHERE "id" = ${applicationId} FOR UPDATE`;
  const app = await tx.application.findUnique({
    where: { id: applicationId },
    include: { subscriberIdentity: true, organisation: true, profile: true, applicant: true, certificate: { select: { id: true } } },
  });
  if (!app) throw domainError("NOT_FOUND");
  const blocker = issuanceBlocker({ status: app.status, feeStatus: app.feeStatus, hasCertificate: app.certificate !== null });
  if (blocker === "NOT_APPROVED") throw domainError("INVALID_STATE_TRANSITION", { from: app.status, action: "ISSUE" });
  if (blocker === "FEE_UNPAID") throw domainError("APPLICATION_FEE_UNPAID", { from: app.status, action: "ISSUE" });
  return app;
}

export type IssuanceBlocker = "NOT_APPROVED" | "FEE_UNPAID" | null;

/**
 * What stands between an application and its certificate, without locking anything: the rule
 * assertReadyForIssuance enforces, and the one read models use to say whether issuance may start.
 */
export function issuanceBlocker(app: { status: Application["status"]; feeStatus: Application["feeStatus"]; hasCertificate: boolean }): IssuanceBlocker {
  // The transition table's APPROVED -> ISSUED with its fee guard, as the domain's `issue` answer reads it.
  const r = applicationTransition(app.status, "ISSUE", { feeStatus: app.feeStatus });
  if (app.hasCertificate || (!r.ok && r.code === "APPLICATION_INVALID_TRANSITION")) return "NOT_APPROVED";
  return r.ok ? null : "FEE_UNPAID";
}

export type ApplicationReadyForIssuance = Awaited<ReturnType<typeof assertReadyForIssuance>>;

/** Clause 1.2: whether the subscriber consented to the certificate being listed in the public query. */
export function consentsToCertificateQuery(declarations: unknown): boolean {
  return typeof declarations === "object" && declarations !== null && (declarations as Record<string, unknown>).consentToCertificateQuery === true;
}

/**
 * Moves the application to ISSUED through the transition table (APPROVED -> ISSUED, refused while
 * the fee is unpaid), conditionally on the version read by assertReadyForIssuance. CERT calls it
 * in the transaction that stores the certificate; the audit event is CERT's.
 */
export async function markApplicationIssued(tx: Tx, app: Pick<Application, "id" | "status" | "version" | "feeStatus">): Promise<void> {
  const to = nextStatus(app, "ISSUE");
  await updateApplicationIfUnchanged(tx, app, { status: to });
}
