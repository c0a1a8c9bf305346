-- Rate-limit buckets are one-minute counters (src/server/public/rate-limit.ts). Every public query by
-- serial, verification and passkey challenge writes one, so with the table logged each of those
-- requests waited for a WAL flush at commit. Unlogged, it writes no WAL and its commits do not wait.
-- What it costs: after a crash or a failover to a replica the counters start again from zero, which
-- lets a client spend at most one more window's budget.
ALTER TABLE "RateLimitBucket" SET UNLOGGED;
