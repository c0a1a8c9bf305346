import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Clock, Tx } from "./context";

export interface NotificationInput {
  userId?: string | null;
  toAddress: string;
  locale: string;
  /** Template name, e.g. "account.verify-email"; rendered at delivery in the recipient's language. */
  template: string;
  payload: Record<string, unknown>;
  /**
   * Identifies the event this notification is about (e.g. "verify:<tokenId>"). A second enqueue
   * with the same key is ignored, so a retried use case or a sweep run twice never mails twice.
   */
  dedupeKey: string;
}

/** Writes the notification in the caller's transaction: it exists if and only if the change commits. */
export async function enqueueNotification(tx: Tx, n: NotificationInput, now: Date): Promise<void> {
  await tx.notification.createMany({
    data: [
      {
        userId: n.userId ?? null,
        toAddress: n.toAddress,
        locale: n.locale,
        template: n.template,
        payload: n.payload as Prisma.InputJsonValue,
        dedupeKey: n.dedupeKey,
        nextAttemptAt: now,
        createdAt: now,
      },
    ],
    skipDuplicates: true,
  });
}

/** What a one-time token in a stored payload is replaced with. */
export const REDACTED_TOKEN = "redacted";

/**
 * A payload without its one-time secrets: the `token` query parameter of every link (the
 * verification and reset mails carry theirs in `path`, "/verify-email?token=..."). The raw token
 * is needed only to render the mail; once it is sent (or given up on) the row keeps the rest, and
 * the data export never shows one (a token in an export, a backup or a support screenshot would be
 * a working sign-in link until it expires). The one-off cleanup of rows stored before this is the
 * migration 20261202214415_redact_notification_tokens.
 */
export function withoutLinkSecrets(payload: unknown): unknown {
  if (typeof payload === "string") return payload.replace(/([?&]token=)[^&#\s]*/g, `$1${REDACTED_TOKEN}`);
  if (Array.isArray(payload)) return payload.map(withoutLinkSecrets);
  if (typeof payload === "object" && payload !== null) return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, withoutLinkSecrets(v)]));
  return payload;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html?: string;
}

export interface MailTransport {
  send(mail: RenderedMail & { to: string; messageId: string }): Promise<void>;
}

export interface DeliveryOptions {
  db: PrismaClient;
  clock: Clock;
  transport: MailTransport;
  render: (n: { template: string; locale: string; payload: unknown }) => RenderedMail;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claimed notification is reserved for this worker before another may retry it. */
  leaseMs?: number;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retried: number;
}

/**
 * Delivers due notifications. Each row is first claimed by moving its next attempt past a lease
 * (FOR UPDATE SKIP LOCKED, so several instances never claim the same row), then sent, then marked.
 * A crash between sending and marking resends after the lease; the Message-ID is derived from the
 * dedupe key so a receiving system can recognise the repeat.
 */
export async function deliverPendingNotifications(opts: DeliveryOptions): Promise<DeliveryReport> {
  const { db, clock, transport, render } = opts;
  const batchSize = opts.batchSize ?? 20;
  const maxAttempts = opts.maxAttempts ?? 8;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + leaseMs);

  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Notification" SET "nextAttemptAt" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Notification"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt" ASC
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;

  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
  for (const { id } of claimed) {
    const n = await db.notification.findUniqueOrThrow({ where: { id } });
    try {
      const mail = render({ template: n.template, locale: n.locale, payload: n.payload });
      await transport.send({ ...mail, to: n.toAddress, messageId: `<${n.dedupeKey.replace(/[^A-Za-z0-9.-]/g, "_")}@outbox>` });
      // The mail is out: its one-time link token has no business staying in the database.
      await db.notification.update({ where: { id }, data: { status: "SENT", sentAt: clock.now(), lastError: null, payload: withoutLinkSecrets(n.payload) as Prisma.InputJsonValue } });
      report.sent += 1;
    } catch (e) {
      // Only the error class and message: SMTP errors can echo addresses, which stay in the row, not in logs.
      const lastError = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : "unknown error";
      if (n.attempts >= maxAttempts) {
        await db.notification.update({ where: { id }, data: { status: "FAILED", lastError, payload: withoutLinkSecrets(n.payload) as Prisma.InputJsonValue } });
        report.failed += 1;
      } else {
        const backoffMs = Math.min(60 * 60_000, 30_000 * 2 ** (n.attempts - 1));
        await db.notification.update({
          where: { id },
          data: { lastError, nextAttemptAt: new Date(clock.now().getTime() + backoffMs) },
        });
        report.retried += 1;
      }
    }
  }
  return report;
}
