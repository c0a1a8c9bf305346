import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { type ServiceContext, DomainError, toHttpError, logger } from "@/server/core";
import { catalogLang } from "@/i18n/locales";
import { mayEnterArea, type Area, type RolePredicate } from "@/server/auth";
import { serviceContext } from "./service-context";
import { getSessionUser, type SessionUser } from "./session";
import { safeReturnPath } from "./return-path";

/** Request header set by src/proxy.ts so a guard can send the user back where they were going. */
export const PATH_HEADER = "x-portal-path";

/** Where a staff member whose session lacks a second factor is sent: enrolment, or signing in again. */
export const SECOND_FACTOR_PAGE = "/account/security";

/** Only same-site paths are ever used as a return address (no open redirect): see return-path.ts. */
export { safeReturnPath } from "./return-path";

/** For pages: a signed-in user, or a redirect to the sign-in page that comes back here after. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    const path = safeReturnPath((await headers()).get(PATH_HEADER) ?? "/dashboard");
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  return user;
}

/**
 * For a staff area's layout, pages and actions: a user the area's own predicate (STAFF_AREAS in
 * ./roles) admits. Anyone else signed in gets the 403 page (forbidden(), rendered by
 * app/forbidden.tsx with status 403). Call it before anything streams (not under a Suspense
 * boundary), or the status is already 200.
 */
export async function requireArea(area: Area): Promise<SessionUser> {
  const user = await requireUser();
  if (!mayEnterArea(user, area)) {
    // A staff member without a second factor in this session: to enrolment (or to sign in again), not a 403.
    if (user.secondFactorDue) redirect(SECOND_FACTOR_PAGE);
    forbidden();
  }
  return user;
}

export interface RoleHandlerContext<P> {
  user: SessionUser;
  ctx: ServiceContext;
  params: P;
}

/**
 * For route handlers: 401 without a session, 403 when the role predicate does not hold
 * ("signed-in" lets any signed-in user through), and any thrown error mapped through the one error catalog, internal
 * detail logged and never returned.
 */
export function withRole<P = Record<string, string>>(
  allowed: RolePredicate | "signed-in",
  handler: (req: Request, c: RoleHandlerContext<P>) => Promise<Response>,
): (req: Request, route: { params: Promise<P> }) => Promise<Response> {
  return async (req, route) => {
    const lang = catalogLang(await getLocale());
    try {
      const user = await getSessionUser();
      if (!user) throw new DomainError("UNAUTHENTICATED");
      if (allowed !== "signed-in" && !allowed(user)) throw new DomainError("FORBIDDEN");
      const ctx = await serviceContext(user);
      return await handler(req, { user, ctx, params: await route.params });
    } catch (e) {
      return errorResponse(e, lang);
    }
  };
}

export function errorResponse(e: unknown, lang: "zh" | "en"): Response {
  const { status, body } = toHttpError(e, lang);
  if (status >= 500) logger.error({ err: e, area: "api" }, "request failed");
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
