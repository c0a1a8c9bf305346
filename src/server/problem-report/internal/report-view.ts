import { allowedProblemReportActions, GROUNDS_FOR_CATEGORY, preliminaryClock, preliminaryOutcome } from "@/domain/problem-report";
import type { ProblemReport } from "@/generated/prisma/client";

/** A report as staff lists show it: its state, its 24-hour clock (running, or met/missed once the preliminary report went out). */
export function reportView(r: ProblemReport & { certificate: { serialHex: string; subjectDn: string; revokedAt: Date | null } }, now: Date) {
  const running = r.preliminaryAt === null;
  const clock = running ? preliminaryClock(now, r.preliminaryDueAt) : null;
  return {
    id: r.id,
    reference: r.reference,
    certificateId: r.certificateId,
    serialHex: r.certificate.serialHex,
    subjectDn: r.certificate.subjectDn,
    category: r.category,
    keyCompromiseDemonstrated: r.keyProof !== null,
    keyProof: r.keyProof,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    preliminaryDueAt: r.preliminaryDueAt.toISOString(),
    clock: clock ? { state: clock.state, remainingMs: clock.remainingMs } : null,
    preliminaryMet: r.preliminaryAt ? preliminaryOutcome(r.preliminaryDueAt, r.preliminaryAt) : null,
    outcome: r.outcome,
    can: allowedProblemReportActions({ ...r, certificateRevoked: r.certificate.revokedAt !== null }),
    grounds: GROUNDS_FOR_CATEGORY[r.category],
  };
}
export type ProblemReportView = ReturnType<typeof reportView>;
