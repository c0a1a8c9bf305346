import type { PrismaClient } from "@/generated/prisma/client";
import { getCaService } from "@/server/ca-service/ca-service";
import { refreshStaleCrls } from "@/server/ca-service/crl-publisher";
import { systemClock, type Clock } from "@/server/core/context";
import { logger } from "@/server/logger";
import { sweepDeemedAcceptance } from "./sweep-deemed-acceptance";

const log = logger.child({ area: "certificate-jobs" });

/**
 * The certificate area's periodic work, for bootstrap to start once per process: the deemed-
 * acceptance sweep (leased, idempotent: safe on every instance) and the CRL refresh (each shard
 * re-signed under its row lock; a second instance finds it fresh). Errors are logged and retried
 * at the next tick.
 */
export function startCertificateJobs(opts: { db: PrismaClient; clock?: Clock; intervalMs?: number }): { stop(): void; tick(): Promise<void> } {
  const clock = opts.clock ?? systemClock;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const swept = await sweepDeemedAcceptance(opts.db, clock);
      if (swept.recorded.length > 0) log.info({ count: swept.recorded.length }, "deemed acceptances recorded");
      const ca = await getCaService(opts.db);
      await refreshStaleCrls(opts.db, ca, clock.now());
    } catch (e) {
      log.error({ err: e instanceof Error ? `${e.name}: ${e.message}` : "unknown" }, "certificate job failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
