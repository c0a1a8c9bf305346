import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { type ServiceContext, isDomainError, type DomainError, logger } from "@/server/core";
import { consoleBackPath, failedState, isUnexpected, outcomeLocation } from "./action-outcome";
import type { ActionError, ActionResult, ActionState } from "./action-state";
import { serviceContext } from "./service-context";
import { signedErrorQuery } from "./signed-outcome";

/*
 * The one server-action adapter, the form-side sibling of withRole (guards.ts): read what the
 * client sent into the use case's input, build the service context, run the use case, and map a
 * refusal through the one error catalog. Unexpected errors are logged and answered as INTERNAL,
 * never with their own message. Next's own control flow (redirect, notFound, forbidden) passes
 * through untouched. Three entry shapes, one state type (action-state.ts):
 *   defineAction         a form bound with useActionState: (prev, form) => ActionState<D>
 *   defineStep           a wizard step the client calls with an object: (input) => ActionResult<D>
 *   defineRedirectAction a plain <form action>: post/redirect/get with ?ok=<key> or a signed ?error=
 */

interface Common<A, I, R> {
  /** What the client sent, as the use case's input; may throw an ActionRefusal, or redirect. Default: as sent. */
  read?: (arg: A) => I | Promise<I>;
  /** The use case (or the few calls) the action runs. */
  run: (ctx: ServiceContext, input: I) => Promise<R>;
  /** Public forms (sign-up, password reset): the context has no actor and no session is looked up. */
  anonymous?: boolean;
  /** The page's own words added to a refusal (e.g. which calendar dates are wrong). */
  explain?: (e: DomainError, state: ActionError) => ActionError | Promise<ActionError>;
}

export interface FormActionSpec<I, R, D> extends Common<FormData, I, R> {
  /** What the form gets on success; default nothing (a use case's result is not sent to the browser unasked). */
  done?: (result: R, input: I) => D;
  /** A page whose cached render is stale after success. */
  revalidate?: (input: I, result: R) => string;
  /** Go to this page after success instead of answering with a state. */
  redirectTo?: (result: R, input: I) => string;
  /** Text fields sent back with a refusal, so the form shows what was typed. */
  echo?: readonly string[];
}

export interface StepSpec<A, R, D> extends Omit<Common<A, A, R>, "read"> {
  /** What the client gets on success; default the use case's result. */
  done?: (result: R) => D;
}

export interface RedirectActionSpec<I, R> extends Common<FormData, I, R> {
  /** The ?ok= key the page turns into its success message; from the result when it says which (e.g. nothing changed). */
  ok: string | ((result: R) => string);
  /** The page to come back to; default the form's `back` field, when it is a console path. */
  back?: string | ((form: FormData) => string);
  /** The page to go to on success instead of back. */
  next?: (result: R) => string;
}

/** A form field as text ("" when missing or a file). */
export function formText(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
}

type Outcome<I, R> = { ok: true; input: I; result: R } | { ok: false; error: ActionError };

/** Read, build the context, run; a throw becomes the form's refusal. */
async function settle<A, I, R>(spec: Common<A, I, R>, arg: A): Promise<Outcome<I, R>> {
  try {
    const input = spec.read ? await spec.read(arg) : (arg as unknown as I);
    const ctx = await serviceContext(spec.anonymous ? null : undefined);
    return { ok: true, input, result: await spec.run(ctx, input) };
  } catch (e) {
    unstable_rethrow(e);
    if (isUnexpected(e)) logger.error({ err: e, area: "actions" }, "server action failed");
    const state = failedState(e, catalogLang(await getLocale()));
    return { ok: false, error: spec.explain && isDomainError(e) ? await spec.explain(e, state) : state };
  }
}

/** A form bound with useActionState. */
export function defineAction<I = FormData, R = unknown, D = undefined>(spec: FormActionSpec<I, R, D>): (prev: ActionState<D>, form: FormData) => Promise<ActionState<D>> {
  return async (_prev, form) => {
    const outcome = await settle(spec, form);
    if (!outcome.ok) {
      if (!spec.echo) return outcome.error;
      return { ...outcome.error, values: Object.fromEntries(spec.echo.map((k) => [k, formText(form, k)])) };
    }
    const { input, result } = outcome;
    if (spec.revalidate) revalidatePath(spec.revalidate(input, result));
    if (spec.redirectTo) redirect(spec.redirectTo(result, input));
    return { status: "done", data: spec.done ? spec.done(result, input) : (undefined as D) };
  };
}

/** A wizard step the client calls with an object and reads the answer of. */
export function defineStep<A, R, D = R>(spec: StepSpec<A, R, D>): (input: A) => Promise<ActionResult<D>> {
  return async (input) => {
    const outcome = await settle(spec, input);
    if (!outcome.ok) return outcome.error;
    return { status: "done", data: spec.done ? spec.done(outcome.result) : (outcome.result as unknown as D) };
  };
}

/**
 * A plain form (works without client code): comes back to its page with the outcome in the query,
 * so a reload never repeats the action (post/redirect/get).
 */
export function defineRedirectAction<I = FormData, R = unknown>(spec: RedirectActionSpec<I, R>): (form: FormData) => Promise<never> {
  return async (form) => {
    const back = typeof spec.back === "function" ? spec.back(form) : (spec.back ?? consoleBackPath(formText(form, "back")));
    const outcome = await settle(spec, form);
    const location = await outcomeLocation(
      outcome.ok ? { ok: typeof spec.ok === "function" ? spec.ok(outcome.result) : spec.ok, back, next: spec.next?.(outcome.result) } : { error: outcome.error.message, back },
      signedErrorQuery,
    );
    redirect(location);
  };
}
