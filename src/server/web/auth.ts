import { wireContext } from "@/server/ca-service";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDatabase } from "@/db";
import { systemClock, isDomainError, logger, authSecret } from "@/server/core";
import { signInWithPassword } from "@/server/account";
import { passwordFingerprint } from "./internal/fingerprint";
import { metaFromHeaders } from "./internal/request-meta";

const log = logger.child({ area: "auth" });

/** Carries the domain error code (INVALID_CREDENTIALS, RATE_LIMITED, ...) out of Auth.js to the form. */
class PortalSignInError extends CredentialsSignin {
  constructor(
    code: string,
    /** When to try again (SIGN_IN_DELAYED): retryAt, retryAfterSeconds, retryMinutes. The form's message names the time and the wait. */
    readonly retry: { retryAt?: unknown; retryAfterSeconds?: unknown; retryMinutes?: unknown } = {},
  ) {
    super();
    this.code = code;
  }
}

/** The sign-in form's second factor, when it sent one: a code, or a passkey's answer to a stored challenge. */
function secondFactorAnswer(c: Partial<Record<string, unknown>>): { code?: string; passkey?: { challengeId: string; response: string } } {
  const code = typeof c.code === "string" && c.code.trim() ? c.code : undefined;
  const challengeId = typeof c.passkeyChallengeId === "string" ? c.passkeyChallengeId : "";
  const response = typeof c.passkeyResponse === "string" ? c.passkeyResponse : "";
  return { code, passkey: challengeId && response ? { challengeId, response } : undefined };
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * Auth.js with the credentials provider. Credentials require JWT sessions; the token carries the
 * user id, a fingerprint of the password hash, how the sign-in was authenticated (amr) and the
 * account's second-factor version only. Roles are read from the database on every
 * request (see session.ts), so a role change or a disabled account takes effect at once, and a
 * password reset ends every other session. The config is built lazily so that the secret is
 * resolved at run time (generated into the data folder on the embedded default), never at build.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  secret: await authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {}, passkeyChallengeId: {}, passkeyResponse: {} },
      async authorize(credentials, request) {
        const db = await getDatabase();
        try {
          const user = await signInWithPassword(
            wireContext({ db: db.prisma, clock: systemClock, actor: null, meta: metaFromHeaders(request.headers) }),
            { email: String(credentials.email ?? ""), password: String(credentials.password ?? ""), ...secondFactorAnswer(credentials) },
          );
          const fp = await passwordFingerprint(db.prisma, user.id);
          return { id: user.id, email: user.email, name: user.displayName, pwv: fp, amr: user.amr, sfv: user.secondFactorVersion };
        } catch (e) {
          if (isDomainError(e)) {
            throw new PortalSignInError(e.code === "VALIDATION_FAILED" ? "INVALID_CREDENTIALS" : e.code, { retryAt: e.details.retryAt, retryAfterSeconds: e.details.retryAfterSeconds, retryMinutes: e.details.retryMinutes });
          }
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.pwv = (user as { pwv?: string }).pwv;
        // How the sign-in was authenticated (pwd, otp, webauthn): session.ts gives staff power only with a second factor.
        token.amr = (user as { amr?: string[] }).amr ?? ["pwd"];
        // The account's second-factor version, read in the sign-in's transaction. A removal or an
        // administrator's reset raises it; a session with an older one then has no second factor
        // (no staff power, no factor changes) but stays signed in, unlike pwv: its owner needs it
        // to enrol again, and nothing but the factors changed (auth/second-factor-rule.ts).
        token.sfv = (user as { sfv?: number }).sfv;
        // Name and email stay out of the cookie: the page reads them from the database.
        delete token.email;
        delete token.name;
        delete token.picture;
      }
      return token;
    },
    session({ session, token }) {
      const amr = Array.isArray(token.amr) ? token.amr.filter((m): m is string => typeof m === "string") : ["pwd"];
      const sfv = typeof token.sfv === "number" ? token.sfv : undefined;
      return { ...session, user: { id: token.sub ?? "" }, pwv: typeof token.pwv === "string" ? token.pwv : undefined, amr, sfv } as unknown as typeof session;
    },
  },
  logger: {
    // Auth.js logs the whole error (credentials attempts included) by default; keep only the kind.
    error(error: Error) {
      if (error instanceof CredentialsSignin) return;
      log.warn({ kind: error.name }, "auth error");
    },
    warn(code: string) {
      log.warn({ code }, "auth warning");
    },
    debug() {},
  },
}));
