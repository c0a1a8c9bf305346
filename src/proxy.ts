import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every page request. It passes the requested path (with its query) on as a request
 * header so that a server-side guard can send an unauthenticated visitor to sign-in and back
 * again, and adds the security headers every page gets. Authorization itself is never decided
 * here: pages, layouts and route handlers check the session and roles on the server
 * (src/server/web/guards.ts).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-portal-path", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  // Verification and reset links carry their token in the query: never send it on as a Referer.
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("X-Content-Type-Options", "nosniff");
  // No framing: sign-in and agreement acceptance must not be clickjacked.
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/health).*)"],
};
