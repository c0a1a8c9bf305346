import { z } from "zod";
import type { AuditInput } from "./audit";
import { auditRecorder } from "./internal/audit-recorder";
import type { Actor, ServiceContext, Tx } from "./context";
import { DomainError, isDomainError } from "./errors";
import { enqueueNotification, type NotificationInput } from "./outbox";

/** What a use case's body gets: the context, its transaction, one instant, and the evidence writers. */
export interface UseCaseScope extends ServiceContext {
  tx: Tx;
  /** The instant this use case happens at: read once, so every record it writes agrees. */
  now: Date;
  /** Records the use case's audit event; written as the last statement of the transaction. */
  audit(event: AuditInput): void;
  /**
   * Records the event of a further record the change brings about by rule (each certificate a
   * key-compromise cascade revokes): written before the use case's own event, which is still required.
   */
  auditConsequence(event: AuditInput): void;
  /** Queues a notification in the same transaction. */
  notify(n: NotificationInput): Promise<void>;
  /**
   * Ends the use case with this error but COMMITS what was written so far (with its audit event):
   * for refusals that are themselves evidence, like a failed sign-in or a late objection.
   */
  rejectAfterCommit(error: DomainError): never;
  /**
   * Ends the use case with this result (of the shape `run` returns) and keeps nothing: the
   * transaction is rolled back and no audit event is written, since nothing changed that evidence
   * could be of (a form saved as it was). Not for use cases with `afterCommit`: there is no commit.
   */
  nothingChanged(result: unknown): never;
}

export type Authorization = "public" | "signed-in" | ((actor: Actor, input: unknown) => boolean);

/**
 * P is what `prepare` hands to `run` (nothing without a prepare step); O is the use case's
 * result, which `afterCommit` may reshape (the run's result R without one).
 */
export interface UseCaseDefinition<S extends z.ZodType, R, P = undefined, O = R> {
  /** Stable name, e.g. "account.sign-up"; also the default audit action. */
  name: string;
  input: S;
  /**
   * Checked before any database work. Role checks belong here; checks that need the record
   * (is this the applicant's own application?) go in `run` and throw FORBIDDEN.
   */
  authorize: "public" | "signed-in" | ((actor: Actor, input: z.infer<S>) => boolean);
  /**
   * Work that must be done before the transaction opens, after validation and authorisation
   * (e.g. opening the CA, `(ctx) => loadCaOrUnavailable(ctx)`); its result is passed to `run`.
   * It cannot run inside: on PGlite's single connection a query outside the open transaction
   * would wait for the transaction forever. A DomainError here ends the use case, nothing written.
   */
  prepare?: (ctx: ServiceContext, input: z.infer<S>) => Promise<P>;
  run: (scope: UseCaseScope, input: z.infer<S>, prepared: P) => Promise<R>;
  /**
   * Work after the COMMIT, with what `run` returned (e.g. publishing OCSP/CRL for certificates
   * whose status changed); what it returns is the use case's result. Not run when the
   * transaction rolled back, nor after rejectAfterCommit (the caller gets the error, and the
   * rows stay the source of truth for the periodic refreshes). Same rule as prepare: it runs
   * outside the transaction because the transaction is over. The change is committed whatever
   * happens here, so it should report a failure in its result rather than throw.
   */
  afterCommit?: (ctx: ServiceContext & { now: Date }, result: R, input: z.infer<S>) => Promise<O>;
}

export type UseCase<S extends z.ZodType, R> = ((ctx: ServiceContext, rawInput: z.input<S>) => Promise<R>) & {
  useCaseName: string;
  input: S;
  /** Its role rule, readable without running it (the authorization matrix test asks it for every role). */
  authorize: Authorization;
};

/** Thrown by nothingChanged: rolls the transaction back and carries the result out of it. */
class NothingChanged extends Error {
  constructor(readonly result: unknown) {
    super("nothing-changed");
  }
}

class RejectAfterCommit extends Error {
  constructor(readonly error: DomainError, readonly committed: { audit: boolean }) {
    super("reject-after-commit");
  }
}

/**
 * Wraps a use case body in the conventions every state change follows: validate the input,
 * authorise, run in ONE transaction, write exactly one audit event in that transaction (or, when
 * the body finds nothing to change, roll back and write nothing), and either return a result or
 * throw a DomainError. A body that forgets its audit event fails
 * (the transaction is rolled back): for a CA, a change without evidence is a defect.
 */
export function defineUseCase<S extends z.ZodType, R, P = undefined, O = R>(def: UseCaseDefinition<S, R, P, O>): UseCase<S, O> {
  const fn = async (ctx: ServiceContext, rawInput: z.input<S>): Promise<O> => {
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      throw new DomainError("VALIDATION_FAILED", { issues: z.flattenError(parsed.error).fieldErrors });
    }
    const input = parsed.data as z.infer<S>;
    authorizeOrThrow(def.authorize as Authorization, ctx.actor, input);

    // Outside the transaction, before it opens (see `prepare`).
    const prepared = (def.prepare ? await def.prepare(ctx, input) : undefined) as P;
    const now = ctx.clock.now();
    let committed!: R;
    // A deadlock or write conflict aborts the whole transaction (nothing of it is kept): run it again on
    // a fresh one, a few times. Not when nested in another use case's transaction, which is aborted too.
    const attempts = ctx.deferAfterCommit ? 1 : TRANSACTION_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      try {
        committed = await ctx.db.$transaction(
          async (tx) => {
            const event = auditRecorder(def.name);
            const scope: UseCaseScope = {
              ...ctx,
              tx,
              now,
              audit: (e) => event.record(e),
              auditConsequence: (e) => event.recordConsequence(e),
              notify: (n) => enqueueNotification(tx, n, now),
              rejectAfterCommit(error) {
                throw new RejectAfterCommit(error, { audit: event.recorded });
              },
              nothingChanged(result) {
                if (def.afterCommit) throw new Error(`${def.name}: nothingChanged in a use case with afterCommit`);
                throw new NothingChanged(result);
              },
            };
            const writeAudit = () =>
              event.write(tx, { at: now, actorId: ctx.actor?.userId ?? null, actorRoles: ctx.actor?.roles ?? [], ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent ?? null });
            try {
              const result = await def.run(scope, input, prepared);
              await writeAudit();
              return result;
            } catch (e) {
              if (e instanceof RejectAfterCommit) {
                await writeAudit();
                return e as never;
              }
              throw e;
            }
          },
          { maxWait: 30_000, timeout: 60_000 },
        ).then((r) => {
          if (r instanceof RejectAfterCommit) throw r.error;
          return r;
        });
        break;
      } catch (e) {
        if (e instanceof NothingChanged) return e.result as O;
        if (isDomainError(e)) throw e;
        if (isTransactionConflict(e) && attempt < attempts) continue;
        if (isUniqueViolation(e) || isTransactionConflict(e)) throw new DomainError("CONFLICT");
        throw e;
      }
    }
    // Only a commit that ended in a result gets here: a rollback or a rejectAfterCommit threw above.
    if (def.afterCommit && ctx.deferAfterCommit) {
      // Run inside another use case's transaction (an approved request): nothing is committed yet,
      // so the after-commit work waits for the outer commit and gets the outer, real context.
      const after = def.afterCommit;
      ctx.deferAfterCommit((outer) => after({ ...outer, now }, committed, input));
      return committed as unknown as O;
    }
    return def.afterCommit ? def.afterCommit({ ...ctx, now }, committed, input) : (committed as unknown as O);
  };
  return Object.assign(fn, { useCaseName: def.name, input: def.input, authorize: def.authorize as Authorization });
}

/** A read that changes nothing: validated and authorised like a use case, no transaction, no audit. */
export function defineQuery<S extends z.ZodType, R>(def: {
  name: string;
  input: S;
  authorize: "public" | "signed-in" | ((actor: Actor, input: z.infer<S>) => boolean);
  run: (ctx: ServiceContext & { now: Date }, input: z.infer<S>) => Promise<R>;
}): UseCase<S, R> {
  const fn = async (ctx: ServiceContext, rawInput: z.input<S>): Promise<R> => {
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      throw new DomainError("VALIDATION_FAILED", { issues: z.flattenError(parsed.error).fieldErrors });
    }
    authorizeOrThrow(def.authorize as Authorization, ctx.actor, parsed.data);
    return def.run({ ...ctx, now: ctx.clock.now() }, parsed.data as z.infer<S>);
  };
  return Object.assign(fn, { useCaseName: def.name, input: def.input, authorize: def.authorize as Authorization });
}

/** The one reading of an authorization rule: throws UNAUTHENTICATED or FORBIDDEN, or returns. */
export function authorizeOrThrow(rule: Authorization, actor: Actor | null, input: unknown): void {
  if (rule === "public") return;
  if (!actor) throw new DomainError("UNAUTHENTICATED");
  if (rule === "signed-in") return;
  if (!rule(actor, input)) throw new DomainError("FORBIDDEN");
}

/** How many times a transaction aborted by a deadlock or write conflict is run in all. */
const TRANSACTION_ATTEMPTS = 3;

/**
 * PostgreSQL aborted the transaction to break a deadlock (40P01) or a serialisation conflict (40001):
 * Prisma reports it as P2034, or (from a raw statement through the driver adapter) as P2010 whose
 * adapter error is a TransactionWriteConflict. PGlite, one connection, never has one.
 */
function isTransactionConflict(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const err = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } };
  if (err.code === "P2034") return true;
  const cause = err.meta?.driverAdapterError?.cause;
  return cause?.kind === "TransactionWriteConflict" || cause?.originalCode === "40P01" || cause?.originalCode === "40001";
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code?: unknown }).code === "P2002";
}
