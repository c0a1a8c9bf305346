import { allowedApplicationAction, applicationEditable, applicationTransition, type ApplicationEvent, type ApplicationOffer } from "@/domain/application";
import type { Application, ApplicationStatus, Prisma } from "@/generated/prisma/client";
import { type Tx, domainError } from "@/server/core";

/** The status `event` leads to from the application's current status, or the refusal. */
export function nextStatus(app: Pick<Application, "status" | "feeStatus">, event: ApplicationEvent): ApplicationStatus {
  const r = applicationTransition(app.status, event, { feeStatus: app.feeStatus });
  if (r.ok) return r.to;
  if (r.code === "APPLICATION_FEE_UNPAID") throw domainError("APPLICATION_FEE_UNPAID", { from: r.from, action: r.event });
  if (r.code === "REVIEW_AWAITS_PAYMENT") throw domainError("REVIEW_AWAITS_PAYMENT", { from: r.from, action: r.event });
  throw domainError("INVALID_STATE_TRANSITION", { from: r.from, action: r.event });
}

/**
 * Writes a change only if the application is still in the status and version it was read at,
 * and bumps the version. Of two concurrent changes (a double-clicked submit, two officers
 * deciding at once) exactly one matches; the other gets CONFLICT and changes nothing.
 */
export async function updateApplicationIfUnchanged(
  tx: Tx,
  app: Pick<Application, "id" | "status" | "version">,
  data: Omit<Prisma.ApplicationUncheckedUpdateManyInput, "version">,
): Promise<void> {
  const { count } = await tx.application.updateMany({
    where: { id: app.id, status: app.status, version: app.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) throw domainError("CONFLICT");
}

/** Documents and details may change only while the applicant holds the application (the domain's `edit` answer). */
export function requireEditable(app: Pick<Application, "status">, action: string): void {
  if (!applicationEditable(app).ok) throw domainError("INVALID_STATE_TRANSITION", { from: app.status, action });
}

/**
 * Refuses what the domain's allowedApplicationAction refuses: the same function getApplication
 * returns as `can`, so a page never offers what the use case then refuses, nor the reverse.
 */
export async function requireAllowed(tx: Tx, app: Pick<Application, "id" | "status" | "feeStatus" | "keyGeneration">, offer: ApplicationOffer): Promise<void> {
  const hasCertificate = (await tx.certificate.count({ where: { applicationId: app.id } })) > 0;
  const answer = allowedApplicationAction(offer, { status: app.status, feeStatus: app.feeStatus, keyGeneration: app.keyGeneration, hasCertificate });
  if (!answer.ok) throw domainError(answer.reason, { from: app.status, action: offer });
}

/**
 * The applicant's form carries the version it was rendered at: a second click, or a tab opened
 * before another change, finds a newer version and is told so in words, before anything is written.
 */
export function requireOpenedVersion(app: Pick<Application, "version">, version: number | undefined): void {
  if (version !== undefined && version !== app.version) throw domainError("APPLICATION_CHANGED_SINCE_OPENED", { expected: version, actual: app.version });
}
