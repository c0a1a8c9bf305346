import type { Settings } from "@/config/settings";

/**
 * A browser-test build (PORTAL_E2E_BUILD=1) lets anyone who can reach it move the clock, seed
 * accounts and certificates and tamper with the audit log (/api/test/**). It runs only on the
 * embedded database of a throwaway data folder; pointed at a real database it must not start.
 * Returns why the start is refused, or null.
 */
export function e2eBuildRefusal(s: Pick<Settings, "e2eBuild" | "databaseUrl">): string | null {
  if (!s.e2eBuild || !s.databaseUrl) return null;
  return (
    "refusing to start: this is a browser-test build (PORTAL_E2E_BUILD=1: test clock and /api/test seed routes) and DATABASE_URL is set. " +
    "Browser-test builds run only on the embedded database: unset DATABASE_URL, or serve the real database from a build made without PORTAL_E2E_BUILD=1."
  );
}

export function assertE2eBuildOnEmbeddedDatabase(s: Pick<Settings, "e2eBuild" | "databaseUrl">): void {
  const refusal = e2eBuildRefusal(s);
  if (refusal) throw new Error(refusal);
}
