import type { PrismaClient } from "@/generated/prisma/client";
import type { AuditInput } from "./audit";
import { auditRecorder } from "./internal/audit-recorder";
import type { Clock, Tx } from "./context";
import { enqueueNotification, type NotificationInput } from "./outbox";

/** What a system task needs: no actor, no request; the scheduler or start-up calls it. */
export interface SystemDeps {
  db: PrismaClient;
  clock: Clock;
}

/** What a system task's body gets: its transaction, one instant, and the evidence writers. */
export interface SystemTaskScope {
  tx: Tx;
  /** The instant this unit of work happens at: read once, so every record it writes agrees. */
  now: Date;
  /** Records the task's audit event (actor none, role SYSTEM); written as the last statement of the transaction. */
  audit(event: AuditInput): void;
  /** Records the event of a further record the change brings about by rule (see UseCaseScope.auditConsequence). */
  auditConsequence(event: AuditInput): void;
  /** Queues a notification in the same transaction. */
  notify(n: NotificationInput): Promise<void>;
  /**
   * Says this run found its work already done or not due (an item another run handled, a
   * reminder already queued): it commits without an audit event. Without this call, or with it
   * and an event as well, the task fails and its transaction is rolled back.
   */
  nothingToRecord(): void;
}

export interface SystemTaskDefinition<I, R> {
  /** Stable name, e.g. "certificate.record-deemed-acceptance"; named in errors. */
  name: string;
  run: (scope: SystemTaskScope, input: I) => Promise<R>;
  /** Transaction timeout; the default suits one item of a sweep. */
  timeoutMs?: number;
  /** How long to wait for a connection (a start-up seed may queue behind another instance's). */
  maxWaitMs?: number;
}

export type SystemTask<I, R> = ((deps: SystemDeps, input: I) => Promise<R>) & { taskName: string };

/** System events name no person; the role says the portal did it by itself. */
const SYSTEM_ROLES = ["SYSTEM"] as const;

/**
 * A unit of work the portal does by itself (a sweep's item, a start-up seed): ONE transaction
 * with exactly one audit event (actor null, role SYSTEM) and the notifications it queues, the
 * same evidence rule as defineUseCase and the same writer. A sweep loops over its items outside
 * and calls the task once per item, so one failed item does not undo the others.
 */
export function defineSystemTask<I, R>(def: SystemTaskDefinition<I, R>): SystemTask<I, R> {
  const fn = async (deps: SystemDeps, input: I): Promise<R> => {
    const now = deps.clock.now();
    return deps.db.$transaction(
      async (tx) => {
        const event = auditRecorder(def.name);
        let idle = false;
        const scope: SystemTaskScope = {
          tx,
          now,
          audit: (e) => event.record(e),
          auditConsequence: (e) => event.recordConsequence(e),
          notify: (n) => enqueueNotification(tx, n, now),
          nothingToRecord: () => {
            idle = true;
          },
        };
        const result = await def.run(scope, input);
        if (idle && event.recorded) throw new Error(`${def.name}: recorded an audit event and said there was nothing to record`);
        if (!idle) await event.write(tx, { at: now, actorId: null, actorRoles: SYSTEM_ROLES, ip: null, userAgent: null });
        return result;
      },
      { maxWait: def.maxWaitMs ?? 30_000, timeout: def.timeoutMs ?? 60_000 },
    );
  };
  return Object.assign(fn, { taskName: def.name });
}
