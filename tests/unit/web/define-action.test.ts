import { beforeEach, describe, expect, it, vi } from "vitest";
import { ActionRefusal, consoleBackPath, failedState, outcomeLocation } from "@/server/web/action-outcome";
import { domainError, errorMessage } from "@/server/core/errors";

/*
 * The one server-action adapter. The pure half (action-outcome.ts) is tested directly; the Next
 * half (define-action.ts) with Next's redirect and the request's context replaced by stand-ins.
 */

const h = vi.hoisted(() => {
  class Redirect extends Error {
    constructor(readonly location: string) {
      super("NEXT_REDIRECT");
    }
  }
  return { Redirect, logged: [] as unknown[], revalidated: [] as string[], contexts: [] as unknown[] };
});

vi.mock("next/navigation", () => ({
  redirect: (location: string) => {
    throw new h.Redirect(location);
  },
  unstable_rethrow: (e: unknown) => {
    if (e instanceof h.Redirect) throw e;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: (p: string) => void h.revalidated.push(p) }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("@/server/web/service-context", () => ({
  serviceContext: async (user?: null) => {
    h.contexts.push(user);
    return { actor: user === null ? null : { userId: "u1", roles: [] } };
  },
}));
vi.mock("@/server/web/signed-outcome", () => ({ signedErrorQuery: async (m: string, page: string) => `error=SIG${page}.${encodeURIComponent(m)}` }));
vi.mock("@/server/core/logger", () => ({ logger: { error: (o: unknown) => void h.logged.push(o) } }));

const { defineAction, defineRedirectAction, defineStep } = await import("@/server/web/define-action");

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

/** Runs an action that must redirect and returns where to. */
async function location(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if (e instanceof h.Redirect) return e.location;
    throw e;
  }
  throw new Error("no redirect");
}

beforeEach(() => {
  h.logged.length = 0;
  h.revalidated.length = 0;
  h.contexts.length = 0;
});

describe("failedState (a thrown value as the form shows it)", () => {
  it("maps a DomainError to its catalog message, in the page's language, with its fields", () => {
    const e = domainError("VALIDATION_FAILED", { issues: { email: ["bad"], password: ["short"] } });
    expect(failedState(e, "en")).toEqual({ status: "error", code: "VALIDATION_FAILED", message: errorMessage("VALIDATION_FAILED", "en"), fields: ["email", "password"] });
    expect(failedState(e, "zh").message).toBe(errorMessage("VALIDATION_FAILED", "zh"));
  });

  it("marks the one field a refusal names, and fills the message's parameters", () => {
    expect(failedState(domainError("NOT_FOUND", { field: "subjectEmail" }), "en").fields).toEqual(["subjectEmail"]);
    const limited = domainError("RATE_LIMITED", { retryAfterSeconds: 30 });
    expect(failedState(limited, "en").message).toBe(errorMessage("RATE_LIMITED", "en", { retryAfterSeconds: 30 }));
  });

  it("answers an unexpected error with INTERNAL and nothing of its own message", () => {
    const state = failedState(new Error("connect ECONNREFUSED 10.0.0.7:5432 password=hunter2"), "en");
    expect(state).toEqual({ status: "error", code: "INTERNAL", message: errorMessage("INTERNAL", "en"), fields: [] });
    expect(JSON.stringify(state)).not.toMatch(/ECONNREFUSED|hunter2/);
  });

  it("shows a page's own refusal in its own words", () => {
    expect(failedState(new ActionRefusal("Passwords differ", "VALIDATION_FAILED", ["passwordConfirm"]), "en")).toEqual({
      status: "error",
      code: "VALIDATION_FAILED",
      message: "Passwords differ",
      fields: ["passwordConfirm"],
    });
  });
});

describe("post/redirect/get locations", () => {
  const sign = async (m: string, page: string) => `error=S${page}.${encodeURIComponent(m)}`;

  it.each([
    ["/ra/applications/abc-1", "/ra/applications/abc-1"],
    ["/admin", "/admin"],
    ["/audit/events", "/audit/events"],
    ["https://evil.example/ra", "/ra"],
    ["//evil.example", "/ra"],
    ["/dashboard", "/ra"],
    ["/ra?x=1", "/ra"],
    ["", "/ra"],
  ])("the back field %j comes back to %j", (value, expected) => {
    expect(consoleBackPath(value)).toBe(expected);
  });

  it("goes back (or on) with ?ok=<key>, or back with the signed message", async () => {
    expect(await outcomeLocation({ ok: "approved", back: "/ra/applications/a1" }, sign)).toBe("/ra/applications/a1?ok=approved");
    expect(await outcomeLocation({ ok: "updateOrdered", back: "/admin", next: "/admin/update-notices/n1" }, sign)).toBe("/admin/update-notices/n1?ok=updateOrdered");
    expect(await outcomeLocation({ error: "没有 a&b", back: "/admin/calendar" }, sign)).toBe(`/admin/calendar?error=S/admin/calendar.${encodeURIComponent("没有 a&b")}`);
  });
});

describe("defineAction (a form bound with useActionState)", () => {
  it("reads the form, runs the use case with the context, and answers done with the data asked for", async () => {
    const run = vi.fn(async (_ctx: unknown, input: { email: string }) => ({ id: "u9", secret: "not for the browser", email: input.email }));
    const action = defineAction({ read: (f) => ({ email: String(f.get("email")) }), run, done: (r) => ({ email: r.email }), revalidate: () => "/account" });
    expect(await action({ status: "idle" }, form({ email: "a@b.cn" }))).toEqual({ status: "done", data: { email: "a@b.cn" } });
    expect(run).toHaveBeenCalledWith({ actor: { userId: "u1", roles: [] } }, { email: "a@b.cn" });
    expect(h.revalidated).toEqual(["/account"]);
  });

  it("sends no use-case result to the browser unless asked", async () => {
    const action = defineAction({ run: async () => ({ secret: "x" }) });
    expect(await action({ status: "idle" }, form({}))).toEqual({ status: "done", data: undefined });
  });

  it("maps a refusal with its fields and sends back the typed fields named in echo", async () => {
    const action = defineAction({
      run: async () => {
        throw domainError("VALIDATION_FAILED", { issues: { name: ["required"] } });
      },
      echo: ["name", "phone"],
    });
    expect(await action({ status: "idle" }, form({ name: "", phone: "010" }))).toEqual({
      status: "error",
      code: "VALIDATION_FAILED",
      message: errorMessage("VALIDATION_FAILED", "en"),
      fields: ["name"],
      values: { name: "", phone: "010" },
    });
    expect(h.logged).toEqual([]);
  });

  it("logs an unexpected error and answers INTERNAL without its message", async () => {
    const action = defineAction({
      run: async () => {
        throw new Error("relation users does not exist");
      },
    });
    const state = await action({ status: "idle" }, form({}));
    expect(state).toMatchObject({ status: "error", code: "INTERNAL", message: errorMessage("INTERNAL", "en") });
    expect(JSON.stringify(state)).not.toContain("relation users");
    expect(h.logged).toHaveLength(1);
  });

  it("lets Next's redirect through, and redirects after success when asked", async () => {
    const action = defineAction({ run: async () => ({ id: "o1" }), redirectTo: (r) => `/organisations/${r.id}?ok=registered`, anonymous: true });
    expect(await location(() => action({ status: "idle" }, form({})))).toBe("/organisations/o1?ok=registered");
    expect(h.contexts).toEqual([null]);
    const signIn = defineAction({ run: () => Promise.reject(new h.Redirect("/dashboard")) });
    expect(await location(() => signIn({ status: "idle" }, form({})))).toBe("/dashboard");
  });

  it("lets the page add its own words to a DomainError", async () => {
    const action = defineAction({
      run: async () => {
        throw domainError("DOCUMENTS_MISSING", { missing: ["BUSINESS_LICENCE"] });
      },
      explain: (e, s) => ({ ...s, items: e.details.missing as string[] }),
    });
    expect(await action({ status: "idle" }, form({}))).toMatchObject({ status: "error", code: "DOCUMENTS_MISSING", items: ["BUSINESS_LICENCE"] });
  });
});

describe("defineStep (a wizard step called with an object)", () => {
  it("answers the use case's result, or the refusal", async () => {
    const ok = defineStep({ run: async (_ctx, input: { n: number }) => ({ doubled: input.n * 2 }) });
    expect(await ok({ n: 2 })).toEqual({ status: "done", data: { doubled: 4 } });
    const refused = defineStep({
      run: async (_ctx, input: { n: number }) => {
        throw domainError("FORBIDDEN", { n: input.n });
      },
    });
    expect(await refused({ n: 1 })).toEqual({ status: "error", code: "FORBIDDEN", message: errorMessage("FORBIDDEN", "en"), fields: [] });
  });
});

describe("defineRedirectAction (post/redirect/get)", () => {
  it("comes back to the console page named in the form with ?ok=<key>", async () => {
    const action = defineRedirectAction({ ok: "approved", run: async () => undefined });
    expect(await location(() => action(form({ back: "/ra/applications/a1" })))).toBe("/ra/applications/a1?ok=approved");
    expect(await location(() => action(form({ back: "https://evil.example" })))).toBe("/ra?ok=approved");
  });

  it("goes on to the page the result names", async () => {
    const action = defineRedirectAction({ ok: "updateOrdered", run: async () => ({ noticeId: "n1" }), next: (r) => `/admin/update-notices/${r.noticeId}` });
    expect(await location(() => action(form({ back: "/admin" })))).toBe("/admin/update-notices/n1?ok=updateOrdered");
  });

  it("comes back with the catalog message signed, or INTERNAL for an unexpected error", async () => {
    const refused = defineRedirectAction({
      ok: "x",
      back: "/admin/privacy",
      run: async () => {
        throw domainError("CONFLICT");
      },
    });
    expect(await location(() => refused(form({ back: "/ra" })))).toBe(`/admin/privacy?error=SIG/admin/privacy.${encodeURIComponent(errorMessage("CONFLICT", "en"))}`);
    const broken = defineRedirectAction({
      ok: "x",
      run: async () => {
        throw new TypeError("cannot read properties of undefined (reading 'id')");
      },
    });
    expect(await location(() => broken(form({ back: "/ra" })))).toBe(`/ra?error=SIG/ra.${encodeURIComponent(errorMessage("INTERNAL", "en"))}`);
    expect(h.logged).toHaveLength(1);
  });
});
