import type { Prisma, PrismaClient, Role } from "@/generated/prisma/client";
import { wallClockMs } from "@/ca/clock";
import type { CaService } from "./ca-port";

/** Every rule that depends on time reads it from here, so tests can stand at any instant. */
export interface Clock {
  now(): Date;
  /** now().getTime() without a Date, for per-request hot paths (the CA engine's Clock, src/ca/clock.ts, says why). */
  nowMs?(): number;
}

export const systemClock: Clock = { now: () => new Date(), nowMs: wallClockMs };

/** A clock that stays where a test puts it. */
export function fixedClock(start: Date): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    nowMs: () => current.getTime(),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface Actor {
  userId: string;
  roles: readonly Role[];
  /**
   * True when the session was signed in with a second factor the account still has (decided by
   * sessionHasSecondFactor in src/server/auth, set by session.ts). Absent counts as false: changes
   * to an enrolled account's second factors need it (factorChangeStanding).
   */
  secondFactor?: boolean;
  /**
   * Set only by the dual-control executor (src/server/approval) when it runs an approved request:
   * the high-impact use cases' `authorize` requires it (auth/approved-action.ts), so calling them
   * any other way is refused.
   */
  approved?: { requestId: string; kind: string };
}

/** Where a request came from: recorded in audit events and acceptance records. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

export interface ServiceContext {
  db: PrismaClient;
  clock: Clock;
  actor: Actor | null;
  meta: RequestMeta;
  /**
   * The CA of this database, opened on first use and then shared by the process (keys, OCSP
   * cache). Contexts are built in one place (ca-service/wire-context.ts); use cases that need the
   * CA open it in their `prepare` step, before the transaction.
   */
  ca(): Promise<CaService>;
  /**
   * Set only when a use case runs inside another's transaction (the dual-control executor,
   * src/server/approval): its `afterCommit` (publishing OCSP/CRL...) is handed here, to run with
   * the real context after the outer transaction commits, instead of before it.
   */
  deferAfterCommit?: (work: (outer: ServiceContext) => Promise<unknown>) => void;
}

export type Tx = Prisma.TransactionClient;
