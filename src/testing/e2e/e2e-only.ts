import { isE2eBuild } from "@/server/core/request-clock";

/**
 * Every seed, read-back and tampering helper under src/testing/e2e calls this first: its route
 * file is only routed in e2e builds, and if anything ever reached it from another build it must
 * refuse rather than write into a real database.
 */
export function assertE2eBuild(what: string): void {
  if (!isE2eBuild()) throw new Error(`${what} exists only in e2e builds (PORTAL_E2E_BUILD=1)`);
}
