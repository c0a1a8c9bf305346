import type { Database } from "@/db";

/**
 * Seeds the reference data every installation needs (the subscriber agreement version 1, the
 * holiday calendar, profiles, the CA hierarchy...). Called at every start, before the demo
 * accounts: it must be idempotent. Owned by the lead, who fills it in; it does nothing yet.
 */
export async function seedReferenceData(db: Database): Promise<void> {
  void db;
}
