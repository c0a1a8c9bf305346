import { NextResponse, type NextRequest } from "next/server";
import { settings } from "@/config/settings";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/server/web/security-headers";

/** Routes whose responses carry their own Content-Security-Policy (see security-headers.ts). */
const OWN_POLICY = /^\/ra\/documents\//;

/** The configured portal URL; a broken configuration stops the portal elsewhere, not here. */
function portalUrl(): string | undefined {
  try {
    return settings().portalUrl;
  } catch {
    return undefined;
  }
}

/**
 * Runs before every page request. It passes the requested path (with its query) on as a request
 * header so that a server-side guard can send an unauthenticated visitor to sign-in and back
 * again, and adds the security headers every page gets (a nonce-based Content-Security-Policy,
 * HSTS when the portal URL is https: src/server/web/security-headers.ts). Authorization itself is never decided
 * here: pages, layouts and route handlers check the session and roles on the server
 * (src/server/web/guards.ts).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-portal-path", request.nextUrl.pathname + request.nextUrl.search);
  // Next.js reads the policy from the request header and puts its nonce on the scripts it renders.
  const csp = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === "development" });
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  // A route that answers with a policy of its own (the document viewer) keeps it: two policies would both apply.
  if (!OWN_POLICY.test(request.nextUrl.pathname)) response.headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity(portalUrl());
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/*
 * Pages and server actions only. Whenever a proxy runs on a request, Next.js first reads the whole
 * request body into memory (up to 10 MB, silently cutting the rest) before the route sees a byte, so
 * the route handlers that take a body are left out: OCSP and the TSA read only their bounded prefix,
 * and the verification service and uploads check their own sizes. The static headers reach them
 * through next.config.ts. tests/unit/web/proxy-matcher.test.ts fails when a route handler taking a
 * body is not left out here (the matcher must be a literal: Next reads it at build time).
 */
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|api/|pki/|ca/|verify/check|apply/documents|audit/export|my-data/export|certificates/[^/]+/download|organisations/[^/]+/agents|metrics$).*)",
  ],
};
