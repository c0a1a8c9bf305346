import type { PrismaClient } from "@/generated/prisma/client";
import { type Clock, defineSystemTask, runExclusively } from "@/server/core";
import { certificateRecipients } from "@/server/shared";

export const EXPIRY_REMINDER_JOB = "renewal.expiry-reminders";
export const DEFAULT_EXPIRY_REMINDER_DAYS: readonly number[] = [30, 7, 1];
export const EXPIRY_REMINDER_INTERVAL_MS = 60 * 60_000;
const LEASE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export interface ExpiryReminderOutcome {
  ran: boolean;
  /** Certificates inside the largest reminder window that were looked at. */
  examined: number;
  /** Certificates for which at least one notification was newly queued. */
  reminded: number;
  queued: number;
  certificateIds: string[];
}

/**
 * Reminds subscribers before a certificate expires (clause 4: renew in time), e.g. 30, 7 and 1
 * days before. Only the nearest threshold reached is sent, so a certificate found late (the
 * scheduler was down, or it was issued with less than 30 days left) gets one reminder, not three.
 * Certificates that are revoked, suspended, already replaced by an issued certificate, or not
 * yet accepted are left alone. Each reminder has the dedupe key `expiry:<certId>:<days>` (one
 * more segment per recipient) and one audit event per certificate, written together in a short
 * transaction: a second run, or a second instance, queues nothing new. One instance at a time
 * (JobLease "renewal.expiry-reminders"); { ran: false } when another holds it.
 */
export async function sweepExpiryReminders(db: PrismaClient, clock: Clock, opts: { days?: readonly number[]; batchSize?: number } = {}): Promise<ExpiryReminderOutcome> {
  const days = [...new Set(opts.days ?? DEFAULT_EXPIRY_REMINDER_DAYS)].filter((d) => d > 0).sort((a, b) => a - b);
  const run = await runExclusively(db, clock, { job: EXPIRY_REMINDER_JOB, leaseMs: LEASE_MS }, () => remind(db, clock, days, opts.batchSize ?? 1000), (r) => ({
    examined: r.examined,
    reminded: r.reminded,
    queued: r.queued,
    certificateIds: r.certificateIds.slice(0, 200),
  }));
  return run.ran ? run.result : { ran: false, examined: 0, reminded: 0, queued: 0, certificateIds: [] };
}

async function remind(db: PrismaClient, clock: Clock, days: number[], batchSize: number): Promise<ExpiryReminderOutcome> {
  const outcome: ExpiryReminderOutcome = { ran: true, examined: 0, reminded: 0, queued: 0, certificateIds: [] };
  if (days.length === 0) return outcome;
  const now = clock.now();
  // Every reminder of one run is written at the run's instant, as the thresholds were measured from it.
  const atSweepStart: Clock = { now: () => new Date(now) };
  const horizon = new Date(now.getTime() + days[days.length - 1]! * DAY_MS);
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.certificate.findMany({
      where: {
        notAfter: { gt: now, lte: horizon },
        revokedAt: null,
        holdAt: null,
        acceptanceKind: { not: null },
        // Renewed already: the replacement is issued, nothing to remind about.
        replacementApplications: { none: { status: "ISSUED" } },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: { id: true, serialHex: true, subjectDn: true, notAfter: true, subscriberUserId: true, subscriberOrganisationId: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (batch.length === 0) break;
    cursor = batch[batch.length - 1]!.id;
    for (const cert of batch) {
      outcome.examined += 1;
      const left = cert.notAfter.getTime() - now.getTime();
      // The nearest threshold reached: 5 days left with [1, 7, 30] -> 7.
      const threshold = days.find((d) => left <= d * DAY_MS)!;
      const queued = await remindOne({ db, clock: atSweepStart }, { cert, threshold });
      if (queued > 0) {
        outcome.reminded += 1;
        outcome.queued += queued;
        outcome.certificateIds.push(cert.id);
      }
    }
    if (batch.length < batchSize) break;
  }
  return outcome;
}

type ReminderCertificate = { id: string; serialHex: string; subjectDn: string; notAfter: Date; subscriberUserId: string | null; subscriberOrganisationId: string | null };

/** One certificate's reminder at one threshold: the recipients not reminded yet, and its audit event; nothing when all were. */
const remindOne = defineSystemTask({
  name: "renewal.remind-expiry",
  async run(s, { cert, threshold }: { cert: ReminderCertificate; threshold: number }): Promise<number> {
    const recipients = await certificateRecipients(s.tx, cert);
    const keyOf = (userId: string) => `expiry:${cert.id}:${threshold}:${userId}`;
    const existing = new Set(
      (await s.tx.notification.findMany({ where: { dedupeKey: { in: recipients.map((r) => keyOf(r.id)) } }, select: { dedupeKey: true } })).map((n) => n.dedupeKey),
    );
    const fresh = recipients.filter((r) => !existing.has(keyOf(r.id)));
    if (fresh.length === 0) {
      s.nothingToRecord();
      return 0;
    }
    for (const r of fresh) {
      await s.notify({
        userId: r.id,
        toAddress: r.email,
        locale: r.locale,
        template: "renewal.expiry-reminder",
        payload: { certificateId: cert.id, serialHex: cert.serialHex, subjectDn: cert.subjectDn, notAfter: cert.notAfter.toISOString(), days: threshold, path: `/certificates/${cert.id}` },
        dedupeKey: keyOf(r.id),
      });
    }
    s.audit({
      onBehalfOfId: cert.subscriberOrganisationId,
      action: "renewal.expiry-reminded",
      subjectType: "Certificate",
      subjectId: cert.id,
      summary: { days: threshold, notAfter: cert.notAfter.toISOString(), recipientIds: fresh.map((r) => r.id) },
    });
    return fresh.length;
  },
});
