import type { PrismaClient } from "@/generated/prisma/client";
import { systemClock, type Clock } from "@/server/core/context";

/**
 * Browser tests must stand at any instant (past a test-window deadline, 23 hours after a
 * revocation request). They run a build made with PORTAL_E2E_BUILD=1, in which the request clock
 * is the system clock plus an offset stored in the database, set through /api/test/clock. In
 * every other build next.config.ts inlines the flag as "0": the offset is never read and the
 * route file is not even part of the build (its extension is only routed in e2e builds).
 */
export const TEST_CLOCK_ENABLED = process.env.PORTAL_E2E_BUILD === "1";

export const TEST_CLOCK_SETTING = "test.clock-offset-ms";

export async function requestClock(db: PrismaClient): Promise<Clock> {
  if (!TEST_CLOCK_ENABLED) return systemClock;
  const row = await db.appSetting.findUnique({ where: { key: TEST_CLOCK_SETTING } });
  const offset = typeof row?.value === "number" ? row.value : 0;
  return { now: () => new Date(Date.now() + offset) };
}

export async function setTestClockOffset(db: PrismaClient, offsetMs: number): Promise<void> {
  if (!TEST_CLOCK_ENABLED) throw new Error("test clock control exists only in e2e builds");
  await db.appSetting.upsert({
    where: { key: TEST_CLOCK_SETTING },
    create: { key: TEST_CLOCK_SETTING, value: offsetMs },
    update: { value: offsetMs },
  });
}
