import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { domainError } from "@/server/core";

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/** Public certificate query and verification: per client address. */
export const PUBLIC_QUERY_LIMIT: RateLimit = { limit: 30, windowMs: 60_000 };
export const VERIFICATION_LIMIT: RateLimit = { limit: 20, windowMs: 60_000 };
/** Passkey sign-in challenges, asked for before anyone is known (each is a stored row): per client address. */
export const PASSKEY_CHALLENGE_LIMIT: RateLimit = { limit: 20, windowMs: 60_000 };

/**
 * Counts one request against a fixed-window bucket and refuses with RATE_LIMITED once the window's
 * budget is spent. One atomic upsert: concurrent requests from several instances cannot both take
 * the last slot, and an expired window restarts in the same statement. Runs on the client, not in
 * a transaction: a refused request must still be counted, and public reads have no transaction.
 */
export async function consumeRateLimit(db: PrismaClient, key: string, rule: RateLimit, now: Date): Promise<void> {
  const rows = await db.$queryRaw<RateLimitCount[]>(rateLimitUpsert(key, rule, now));
  refuseOverLimit(rows[0], rule, now);
}

/** What the upsert returns: the window's count including this request, and when the window ends. */
export interface RateLimitCount {
  count: number | bigint;
  expiresAt: Date | string;
}

/**
 * The counting statement alone (INSERT ... ON CONFLICT ... RETURNING "count", "expiresAt"), so a
 * read can carry it as a CTE and take the count and its rows in one round trip (the public query
 * by serial does); its caller must still hand the count to refuseOverLimit.
 */
export function rateLimitUpsert(key: string, rule: RateLimit, now: Date): Prisma.Sql {
  const windowEnd = new Date(now.getTime() + rule.windowMs);
  return Prisma.sql`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart", "expiresAt")
    VALUES (${key}, 1, ${now}, ${windowEnd})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN ${now} ELSE "RateLimitBucket"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN ${windowEnd} ELSE "RateLimitBucket"."expiresAt" END
    RETURNING "count", "expiresAt"`;
}

/** Throws RATE_LIMITED (with the seconds until the window ends) when the counted request is over the budget. */
export function refuseOverLimit(row: RateLimitCount | undefined, rule: RateLimit, now: Date): void {
  if (row && Number(row.count) > rule.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((new Date(row.expiresAt).getTime() - now.getTime()) / 1000));
    throw domainError("RATE_LIMITED", { retryAfterSeconds });
  }
}

/** The bucket key of a client: its address, or one shared bucket for requests without one. */
export function clientKey(area: string, ip: string | undefined): string {
  return `${area}:ip:${ip && ip.length > 0 ? ip : "unknown"}`;
}
