import { applicationEditable, applicationTransition, type ApplicationEvent } from "@/domain/application";
import type { Application, ApplicationStatus, Prisma } from "@/generated/prisma/client";
import { type Tx, domainError } from "@/server/core";

/** The status `event` leads to from the application's current status, or the refusal. */
export function nextStatus(app: Pick<Application, "status" | "feeStatus">, event: ApplicationEvent): ApplicationStatus {
  const r = applicationTransition(app.status, event, { feeStatus: app.feeStatus });
  if (r.ok) return r.to;
  if (r.code === "APPLICATION_FEE_UNPAID") throw domainError("APPLICATION_FEE_UNPAID", { from: r.from, action: r.event });
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
