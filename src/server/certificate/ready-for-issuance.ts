import type { Tx } from "@/server/core/context";
import { domainError } from "@/server/core/errors";

/**
 * Locks the application row and checks it may be issued now: approved, and the fee paid or not
 * required. The lock is held to the end of the issuing transaction, so a second officer (or a
 * double click) waits and then finds the application ISSUED. Stand-in for the application area's
 * assertReadyForIssuance until that lands; swap the import in the two issuing use cases.
 */
export async function lockApplicationForIssuance(tx: Tx, applicationId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Application" WHERE "id" = ${applicationId} FOR UPDATE`;
  const app = await tx.application.findUnique({
    where: { id: applicationId },
    include: { subscriberIdentity: true, organisation: true, profile: true, applicant: true, certificate: { select: { id: true } } },
  });
  if (!app) throw domainError("NOT_FOUND");
  if (app.status === "ISSUED" || app.certificate) throw domainError("CERT_ALREADY_ISSUED", { certificateId: app.certificate?.id ?? null });
  if (app.status !== "APPROVED") throw domainError("APPLICATION_NOT_READY_FOR_ISSUANCE", { from: app.status, reason: "NOT_APPROVED" });
  if (app.feeStatus !== "NOT_REQUIRED" && app.feeStatus !== "PAID") {
    throw domainError("APPLICATION_NOT_READY_FOR_ISSUANCE", { from: app.status, reason: "FEE_UNPAID" });
  }
  return app;
}

export type ApplicationForIssuance = Awaited<ReturnType<typeof lockApplicationForIssuance>>;
