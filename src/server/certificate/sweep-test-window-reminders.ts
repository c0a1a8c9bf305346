import { shanghaiDate } from "@/domain/calendar";
import { deriveCertificateState } from "@/domain/certificate";
import type { PrismaClient } from "@/generated/prisma/client";
import { type Clock, defineSystemTask, runExclusively } from "@/server/core";
import { certificateFacts } from "@/server/shared";
import { tellWaitingParty } from "./internal/waiting-party";

export const TEST_WINDOW_REMINDER_JOB = "certificate.test-window-reminders";
export const TEST_WINDOW_REMINDER_INTERVAL_MS = 15 * 60_000;
/** The reminder goes out once the window has less than this left: from the start of its last day. */
export const TEST_WINDOW_REMINDER_BEFORE_MS = 24 * 60 * 60_000;
const LEASE_MS = 5 * 60_000;

export interface TestWindowReminderOutcome {
  ran: boolean;
  reminded: string[];
}

/**
 * Issue 15: before silence becomes acceptance (clause 1.8, deemed acceptance at the window's end),
 * the subscriber (for an organisation's certificate, the agent who applied) is reminded once, on
 * the window's last day, while it is still running without acceptance or an objection. One
 * instance at a time (JobLease); a certificate reminded already is skipped by its dedupe key.
 */
export async function sweepTestWindowReminders(db: PrismaClient, clock: Clock, opts: { batchSize?: number } = {}): Promise<TestWindowReminderOutcome> {
  const run = await runExclusively(
    db,
    clock,
    { job: TEST_WINDOW_REMINDER_JOB, leaseMs: LEASE_MS },
    async () => {
      const now = clock.now();
      const take = opts.batchSize ?? 500;
      const reminded: string[] = [];
      // Those reminded earlier stay in the window until it closes, so the sweep pages through all
      // of them (by id) instead of taking one batch: a first batch of reminded ones would hold back the rest.
      let after: string | undefined;
      for (;;) {
        const due = await db.certificate.findMany({
          where: {
            acceptanceKind: null,
            revokedAt: null,
            receiptAt: { not: null },
            testWindowDeadline: { gt: now, lte: new Date(now.getTime() + TEST_WINDOW_REMINDER_BEFORE_MS) },
            ...(after ? { id: { gt: after } } : {}),
          },
          select: { id: true },
          orderBy: { id: "asc" },
          take,
        });
        for (const { id } of due) if (await remindTestWindow({ db, clock }, id)) reminded.push(id);
        if (due.length < take) break;
        after = due[due.length - 1]!.id;
      }
      return reminded;
    },
    (reminded) => ({ reminded: reminded.length, certificateIds: reminded.slice(0, 200) }),
  );
  return run.ran ? { ran: true, reminded: run.result } : { ran: false, reminded: [] };
}

const remindTestWindow = defineSystemTask({
  name: "certificate.remind-test-window",
  async run(s, id: string): Promise<boolean> {
    const cert = await s.tx.certificate.findUnique({ where: { id }, include: { objections: true } });
    const deadline = cert?.testWindowDeadline;
    // Only while the window still runs in silence: accepted, objected, suspended or revoked meanwhile get nothing.
    const running = cert && deadline && deriveCertificateState(certificateFacts(cert), s.now).status === "IN_TEST_WINDOW";
    const dedupeKey = `certificate.test-window-ending:${id}:${deadline?.toISOString()}`;
    if (!running || (await s.tx.notification.count({ where: { dedupeKey } })) > 0) {
      s.nothingToRecord();
      return false;
    }
    // The last working day of the window: the window closes at 24:00 of it (test-window.ts).
    const lastWorkingDay = shanghaiDate(new Date(deadline.getTime() - 1));
    await tellWaitingParty(s.tx, s.now, cert, {
      template: "waiting.test-window-ending",
      payload: { certificateId: id, testDeadline: deadline.toISOString(), lastWorkingDay, path: `/certificates/${id}/test` },
      dedupeKey,
    });
    s.audit({
      onBehalfOfId: cert.subscriberOrganisationId,
      action: "certificate.test-window-reminded",
      subjectType: "Certificate",
      subjectId: id,
      summary: { deadline: deadline.toISOString(), lastWorkingDay, provisional: cert.testWindowProvisional },
    });
    return true;
  },
});
