import type { PrismaClient } from "@/generated/prisma/client";
import { TEST_CLOCK_SETTING } from "@/server/core/request-clock";
import { assertE2eBuild } from "./e2e-only";

/**
 * Moves the e2e build's request clock (src/server/core/request-clock.ts reads the offset; only
 * the harness writes it, through /api/test/clock).
 */
export async function setTestClockOffset(db: PrismaClient, offsetMs: number): Promise<void> {
  assertE2eBuild("test clock control");
  await db.appSetting.upsert({
    where: { key: TEST_CLOCK_SETTING },
    create: { key: TEST_CLOCK_SETTING, value: offsetMs },
    update: { value: offsetMs },
  });
}
