import { z } from "zod";
import type { AuditInput } from "./audit";
import { auditRecorder } from "./audit-recorder";
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
  /** Queues a notification in the same transaction. */
  notify(n: NotificationInput): Promise<void>;
  /**
   * Ends the use case with this error but COMMITS what was written so far (with its audit event):
   * for refusals that are themselves evidence, like a failed sign-in or a late objection.
   */
  rejectAfterCommit(error: DomainError): never;
}

export type Authorization = "public" | "signed-in" | ((actor: Actor, input: unknown) => boolean);

export interface UseCaseDefinition<S extends z.ZodType, R> {
  /** Stable name, e.g. "account.sign-up"; also the default audit action. */
  name: string;
  input: S;
  /**
   * Checked before any database work. Role checks belong here; checks that need the record
   * (is this the applicant's own application?) go in `run` and throw FORBIDDEN.
   */
  authorize: "public" | "signed-in" | ((actor: Actor, input: z.infer<S>) => boolean);
  run: (scope: UseCaseScope, input: z.infer<S>) => Promise<R>;
}

export type UseCase<S extends z.ZodType, R> = ((ctx: ServiceContext, rawInput: z.input<S>) => Promise<R>) & {
  useCaseName: string;
  input: S;
};

class RejectAfterCommit extends Error {
  constructor(readonly error: DomainError, readonly committed: { audit: boolean }) {
    super("reject-after-commit");
  }
}

/**
 * Wraps a use case body in the conventions every state change follows: validate the input,
 * authorise, run in ONE transaction, write exactly one audit event in that transaction, and
 * either return a result or throw a DomainError. A body that forgets its audit event fails
 * (the transaction is rolled back): for a CA, a change without evidence is a defect.
 */
export function defineUseCase<S extends z.ZodType, R>(def: UseCaseDefinition<S, R>): UseCase<S, R> {
  const fn = async (ctx: ServiceContext, rawInput: z.input<S>): Promise<R> => {
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      throw new DomainError("VALIDATION_FAILED", { issues: z.flattenError(parsed.error).fieldErrors });
    }
    const input = parsed.data as z.infer<S>;
    authorizeOrThrow(def.authorize as Authorization, ctx.actor, input);

    const now = ctx.clock.now();
    try {
      return await ctx.db.$transaction(
        async (tx) => {
          const event = auditRecorder(def.name);
          const scope: UseCaseScope = {
            ...ctx,
            tx,
            now,
            audit: (e) => event.record(e),
            notify: (n) => enqueueNotification(tx, n, now),
            rejectAfterCommit(error) {
              throw new RejectAfterCommit(error, { audit: event.recorded });
            },
          };
          const writeAudit = () =>
            event.write(tx, { at: now, actorId: ctx.actor?.userId ?? null, actorRoles: ctx.actor?.roles ?? [], ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent ?? null });
          try {
            const result = await def.run(scope, input);
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
    } catch (e) {
      if (isDomainError(e)) throw e;
      if (isUniqueViolation(e)) throw new DomainError("CONFLICT");
      throw e;
    }
  };
  return Object.assign(fn, { useCaseName: def.name, input: def.input });
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
  return Object.assign(fn, { useCaseName: def.name, input: def.input });
}

function authorizeOrThrow(rule: Authorization, actor: Actor | null, input: unknown): void {
  if (rule === "public") return;
  if (!actor) throw new DomainError("UNAUTHENTICATED");
  if (rule === "signed-in") return;
  if (!rule(actor, input)) throw new DomainError("FORBIDDEN");
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code?: unknown }).code === "P2002";
}
