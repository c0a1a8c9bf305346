import { applicationNextStep, awaitsReview, type NextStep, type ReviewPromise } from "@/domain/application";
import { deriveCertificateState } from "@/domain/certificate";
import type { Application, PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";
import { certificateFacts } from "@/server/shared";
import { reviewPromise } from "./waiting";

type NextStepRow = Pick<Application, "id" | "status" | "feeStatus" | "feeCents" | "keyGeneration" | "submittedAt" | "paymentRecordedAt">;

/**
 * The next step of each application (applicationNextStep, issue 15), for the read models that
 * list or show them: the certificate of an issued one is read with what its state is derived
 * from, and the calendar only when an application waits for review. Keyed by application id;
 * an application nobody waits on has none.
 */
export async function nextStepsOf(db: PrismaClient | Tx, now: Date, apps: readonly NextStepRow[]): Promise<Map<string, NextStep>> {
  const issued = apps.filter((a) => a.status === "ISSUED").map((a) => a.id);
  const certificates = issued.length
    ? await db.certificate.findMany({ where: { applicationId: { in: issued } }, include: { objections: true } })
    : [];
  const byApplication = new Map(certificates.map((c) => [c.applicationId!, c]));
  let promise: ReviewPromise | null = null;
  const out = new Map<string, NextStep>();
  for (const a of apps) {
    if (awaitsReview(a)) promise ??= await reviewPromise(db);
    const c = byApplication.get(a.id);
    const state = c ? deriveCertificateState(certificateFacts(c), now) : null;
    const step = applicationNextStep(
      {
        ...a,
        certificate: c && state ? { id: c.id, status: state.status, testWindowDeadline: c.testWindowDeadline, testWindowProvisional: c.testWindowProvisional, awaiting: state.awaiting } : null,
      },
      now,
      promise ?? undefined,
    );
    if (step) out.set(a.id, step);
  }
  return out;
}
