import path from "node:path";
import type { PrismaClient } from "@/generated/prisma/client";
import { systemClock, deliverPendingNotifications, type MailTransport, logger } from "@/server/core";
import { fileTransport } from "./internal/file-transport";
import { smtpTransport } from "./internal/smtp-transport";
import { createMailRenderer } from "./templates";

const log = logger.child({ area: "outbox" });

export interface OutboxWorkerOptions {
  db: PrismaClient;
  portalUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  /** Where mails go as files when there is no SMTP server. */
  dropDir: string;
  intervalMs?: number;
  /** Replaces SMTP / file delivery (tests). */
  transport?: MailTransport;
}

/**
 * Polls the outbox every few seconds and delivers what is due. Safe with several instances
 * running (rows are claimed with SKIP LOCKED); one tick never overlaps the next.
 */
export function startOutboxWorker(opts: OutboxWorkerOptions): { stop(): void; tick(): Promise<void> } {
  const transport: MailTransport = opts.transport ?? (opts.smtpUrl ? smtpTransport(opts.smtpUrl, opts.mailFrom) : fileTransport(opts.dropDir, opts.mailFrom));
  if (!opts.transport && !opts.smtpUrl) log.info({ dropDir: path.relative(process.cwd(), opts.dropDir) || opts.dropDir }, "SMTP_URL not set: mails are written to files");
  const render = createMailRenderer(opts.portalUrl);
  let running: Promise<void> | null = null;

  const tick = (): Promise<void> => {
    running ??= deliverPendingNotifications({ db: opts.db, clock: systemClock, transport, render })
      .then((r) => {
        if (r.sent || r.failed || r.retried) log.info(r, "outbox delivery");
      })
      .catch((err: unknown) => log.error({ err }, "outbox delivery failed"))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void tick(), opts.intervalMs ?? 3000);
  timer.unref();
  void tick();
  return {
    stop: () => clearInterval(timer),
    tick,
  };
}
