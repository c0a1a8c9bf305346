import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every page request. It only passes the requested path (with its query) on as a
 * request header so that a server-side guard can send an unauthenticated visitor to sign-in and
 * back again. Authorization itself is never decided here: pages, layouts and route handlers check
 * the session and roles on the server (src/server/auth/guards.ts).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-portal-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/health).*)"],
};
