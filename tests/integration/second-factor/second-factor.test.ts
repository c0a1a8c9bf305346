import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { expectCode, makeCtx, tokenFromOutbox } from "../account/helpers";
import { signUp } from "@/server/account/sign-up";
import { verifyEmail } from "@/server/account/verify-email";
import { signInWithPassword, type SignedInUser } from "@/server/account/sign-in";
import type { Role } from "@/server/auth/roles";
import type { Actor } from "@/server/core/context";
import { startTotpEnrolment } from "@/server/second-factor/start-totp-enrolment";
import { confirmTotpEnrolment } from "@/server/second-factor/confirm-totp-enrolment";
import { getMySecondFactors } from "@/server/second-factor/get-my-second-factors";
import { resetSecondFactors } from "@/server/second-factor/reset-second-factors";
import { listStaffSecondFactors } from "@/server/second-factor/list-staff-second-factors";
import { removeSecondFactor } from "@/server/second-factor/remove-second-factor";
import { passkeyRegistrationOptions, passkeySignInOptions } from "@/server/second-factor/passkey-options";
import { regenerateRecoveryCodes } from "@/server/second-factor/regenerate-recovery-codes";
import { registerPasskey } from "@/server/second-factor/register-passkey";
import { totpCode } from "@/server/second-factor/totp";
import { PASSKEY_CHALLENGE_LIMIT } from "@/server/public/rate-limit";
import { passwordFingerprint } from "@/server/web/internal/fingerprint";
import { sessionUserOf, type SessionClaims } from "@/server/web/internal/session-user";

// Multi-factor sign-in against the database (PGlite and PostgreSQL): enrolment, the sign-in's
// second step with replay refusal, recovery codes used once, the administrator's reset (never
// one's own), and what a session without a second factor may do.

let db: Database;
const PASSWORD = "a long staff passphrase 1";
beforeAll(async () => {
  // The TOTP sealing key derives from the auth secret; a fixed one, so nothing is written to a data folder.
  vi.stubEnv("AUTH_SECRET", "integration test auth secret, at least thirty-two characters");
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
  vi.unstubAllEnvs();
});

async function account(email: string, roles: Role[]): Promise<Actor> {
  const { ctx } = makeCtx(db);
  await signUp(ctx(), { email, password: PASSWORD });
  await verifyEmail(ctx(), { token: await tokenFromOutbox(db, email, "account.verify-email") });
  const u = await db.prisma.user.update({ where: { email }, data: { roles } });
  return { userId: u.id, roles: u.roles };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return "OK";
}

async function lastAudit(action: string) {
  return db.prisma.auditEvent.findFirstOrThrow({ where: { action }, orderBy: { seq: "desc" } });
}

/** The claims auth.ts puts into the session token for a sign-in (user id, password fingerprint, amr, factor version). */
async function tokenOf(u: SignedInUser): Promise<SessionClaims> {
  return { userId: u.id, pwv: await passwordFingerprint(db.prisma, u.id), amr: u.amr, sfv: u.secondFactorVersion };
}

/** What session.ts makes of a token now, and the actor serviceContext builds from it. */
async function sessionOf(token: SessionClaims) {
  const user = await sessionUserOf(db.prisma, token);
  if (!user) throw new Error("signed out");
  const actor: Actor = { userId: user.id, roles: user.roles, secondFactor: user.secondFactor };
  return { user, actor, roles: user.roles, secondFactorDue: user.secondFactorDue };
}

/** Enrols an authenticator app through the use cases, as the page does; returns the secret and the recovery codes. */
async function enrolTotp(actor: Actor, c: ReturnType<typeof makeCtx>): Promise<{ secret: string; recoveryCodes: string[] }> {
  await startTotpEnrolment(c.ctx({ actor }), {});
  const mine = await getMySecondFactors(c.ctx({ actor }), {});
  const secret = mine.pendingTotp!.secret;
  const { recoveryCodes } = await confirmTotpEnrolment(c.ctx({ actor }), { code: totpCode(secret, c.clock.now()) });
  return { secret, recoveryCodes: recoveryCodes! };
}

describe("second factor", () => {
  it("a staff member signed in with the password alone has no staff power until enrolled and signed in with a code", async () => {
    const admin = await account("sf-admin@example.com", ["CA_ADMIN"]);
    const c = makeCtx(db, new Date("2026-12-02T09:00:05Z"), "198.51.100.20");
    const u = await signInWithPassword(c.ctx(), { email: "sf-admin@example.com", password: PASSWORD });
    expect(u.amr).toEqual(["pwd"]);
    // What session.ts does with it: no CA_ADMIN, so every staff use case refuses.
    const token = await tokenOf(u);
    const session = await sessionOf(token);
    expect(session).toMatchObject({ roles: [], secondFactorDue: "enrol" });
    await expectCode(listStaffSecondFactors(c.ctx({ actor: session.actor }), {}), "FORBIDDEN");
    await expectCode(resetSecondFactors(c.ctx({ actor: session.actor }), { userId: admin.userId }), "FORBIDDEN");

    // Enrolment of the first factor needs no staff power and no second factor (any signed-in account may enrol).
    const { secret } = await enrolTotp(session.actor, c);
    expect((await sessionOf(token)).secondFactorDue).toBe("sign-in-again");
    c.clock.advance(30_000);
    const again = await signInWithPassword(c.ctx(), { email: "sf-admin@example.com", password: PASSWORD, code: totpCode(secret, c.clock.now()) });
    expect(again.amr).toEqual(["pwd", "otp"]);
    expect(await sessionOf(await tokenOf(again))).toMatchObject({ roles: ["CA_ADMIN"], secondFactorDue: null, user: { secondFactor: true } });
  });

  it("enrols TOTP: a wrong code is audited and confirms nothing; the secret is sealed at rest; ten recovery codes, stored hashed", async () => {
    const officer = await account("sf-officer@example.com", ["RA_OFFICER"]);
    const c = makeCtx(db, new Date("2026-12-02T10:00:05Z"));
    await startTotpEnrolment(c.ctx({ actor: officer }), {});
    const before = await getMySecondFactors(c.ctx({ actor: officer }), {});
    expect(before.enrolled).toBe(false); // an enrolment in progress is no factor yet
    const secret = before.pendingTotp!.secret;
    const wrong = totpCode(secret, new Date(c.clock.now().getTime() - 5 * 60_000));
    await expectCode(confirmTotpEnrolment(c.ctx({ actor: officer }), { code: wrong }), "SECOND_FACTOR_INVALID");
    expect((await lastAudit("second-factor.code-failed")).summary).toEqual({ method: "totp", during: "enrolment", reason: "wrong" });
    const row = await db.prisma.totpFactor.findUniqueOrThrow({ where: { userId: officer.userId } });
    expect(row.confirmedAt).toBeNull();
    expect(row.secretSealed).not.toContain(secret);

    const { recoveryCodes } = await confirmTotpEnrolment(c.ctx({ actor: officer }), { code: totpCode(secret, c.clock.now()) });
    expect(recoveryCodes).toHaveLength(10);
    const stored = await db.prisma.recoveryCode.findMany({ where: { userId: officer.userId } });
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes!) expect(JSON.stringify(stored)).not.toContain(code.replaceAll("-", ""));
    expect(await getMySecondFactors(c.ctx({ actor: officer }), {})).toMatchObject({ enrolled: true, totp: { enrolled: true } });
    // Even a session signed in with the factor cannot start a second app beside the first.
    await expectCode(startTotpEnrolment(c.ctx({ actor: { ...officer, secondFactor: true } }), {}), "SECOND_FACTOR_ALREADY_ENROLLED");

    // Sign-in: the password alone is not enough; the code of the step used to confirm is used up.
    await expectCode(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD }), "SECOND_FACTOR_REQUIRED");
    expect((await lastAudit("second-factor.requested")).summary).toEqual({ enrolled: { totp: true, passkeys: 0 } });
    await expectCode(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, code: totpCode(secret, c.clock.now()) }), "SECOND_FACTOR_INVALID");
    expect((await lastAudit("second-factor.code-failed")).summary).toEqual({ method: "totp", during: "sign-in", reason: "replayed" });

    // The next step works once; again in the same step it is a replay; an earlier step is refused too.
    c.clock.advance(30_000);
    const code = totpCode(secret, c.clock.now());
    expect((await signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, code })).amr).toEqual(["pwd", "otp"]);
    expect((await lastAudit("account.sign-in")).summary).toEqual({ secondFactor: "totp" });
    expect(await refusal(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, code }))).toBe("SECOND_FACTOR_INVALID");
    expect(await refusal(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, code: totpCode(secret, new Date(c.clock.now().getTime() - 30_000)) }))).toBe("SECOND_FACTOR_INVALID");
    // A step ahead (the app's clock a little fast) is within the window, and then used.
    const ahead = totpCode(secret, new Date(c.clock.now().getTime() + 30_000));
    expect((await signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, code: ahead })).amr).toEqual(["pwd", "otp"]);

    // A recovery code works once, and says how many are left.
    const [first] = recoveryCodes!;
    expect((await signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, code: first!.toUpperCase() })).amr).toEqual(["pwd", "otp"]);
    expect((await lastAudit("account.sign-in")).summary).toEqual({ secondFactor: "recovery-code", recoveryCodesLeft: 9 });
    await expectCode(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, code: first! }), "SECOND_FACTOR_INVALID");
    expect((await lastAudit("second-factor.code-failed")).summary).toEqual({ method: "recovery-code", during: "sign-in", reason: "wrong" });
    await expectCode(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, code: "not a code at all" }), "SECOND_FACTOR_INVALID");

    // Neither the secret nor a code ever reaches the audit log.
    const dump = JSON.stringify(await db.prisma.auditEvent.findMany());
    expect(dump).not.toContain(secret);
    for (const rc of recoveryCodes!) expect(dump).not.toContain(rc);
  });

  it("passkey sign-in challenges are rate-limited per client address, and a refused one stores nothing", async () => {
    const c = makeCtx(db, new Date("2026-12-02T12:00:00Z"), "198.51.100.77");
    for (let i = 0; i < PASSKEY_CHALLENGE_LIMIT.limit; i++) await passkeySignInOptions(c.ctx());
    const stored = await db.prisma.webAuthnChallenge.count();
    await expectCode(passkeySignInOptions(c.ctx()), "RATE_LIMITED");
    expect(await db.prisma.webAuthnChallenge.count()).toBe(stored);
    // another address is not affected; after the window the first one may ask again
    await passkeySignInOptions(makeCtx(db, new Date("2026-12-02T12:00:00Z"), "198.51.100.78").ctx());
    c.clock.advance(PASSKEY_CHALLENGE_LIMIT.windowMs);
    await passkeySignInOptions(c.ctx());
  });

  it("a passkey answer is checked against a stored challenge that answers once", async () => {
    const c = makeCtx(db, new Date("2026-12-02T11:00:05Z"));
    const { challengeId } = await passkeySignInOptions(c.ctx());
    const passkey = { challengeId, response: JSON.stringify({ id: "unknown-credential", rawId: "x", type: "public-key", response: {} }) };
    await expectCode(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, passkey }), "SECOND_FACTOR_INVALID");
    expect((await lastAudit("second-factor.code-failed")).summary).toEqual({ method: "passkey", during: "sign-in", reason: "unknown-credential" });
    await expectCode(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, passkey }), "SECOND_FACTOR_INVALID");
    expect((await lastAudit("second-factor.code-failed")).summary).toEqual({ method: "passkey", during: "sign-in", reason: "challenge" });
    expect(await db.prisma.webAuthnChallenge.count({ where: { id: challengeId } })).toBe(0);
    // An expired challenge is refused too.
    const late = await passkeySignInOptions(c.ctx());
    c.clock.advance(6 * 60_000);
    await expectCode(signInWithPassword(c.ctx(), { email: "sf-officer@example.com", password: PASSWORD, passkey: { ...passkey, challengeId: late.challengeId } }), "SECOND_FACTOR_INVALID");
    expect((await lastAudit("second-factor.code-failed")).summary).toMatchObject({ reason: "challenge" });
  });

  it("two sign-ins racing with one code: exactly one gets in", async () => {
    const auditor = await account("sf-auditor@example.com", ["AUDITOR"]);
    const c = makeCtx(db, new Date("2026-12-02T12:00:05Z"));
    const { secret } = await enrolTotp(auditor, c);
    c.clock.advance(30_000);
    const code = totpCode(secret, c.clock.now());
    const outcomes = await Promise.all([1, 2].map(() => refusal(signInWithPassword(c.ctx(), { email: "sf-auditor@example.com", password: PASSWORD, code }))));
    expect(outcomes.sort()).toEqual(["OK", "SECOND_FACTOR_INVALID"]);
  });

  it("a CA administrator resets another staff member's factors (mailed, audited), never their own; the owner's session loses staff power", async () => {
    const admin = await account("sf-admin2@example.com", ["CA_ADMIN"]);
    const target = await account("sf-officer2@example.com", ["RA_OFFICER"]);
    const subscriber = await account("sf-subscriber@example.com", ["SUBSCRIBER"]);
    const c = makeCtx(db, new Date("2026-12-02T13:00:05Z"));
    const { secret } = await enrolTotp(target, c);
    await enrolTotp(admin, c);
    c.clock.advance(30_000);
    const targetToken = await tokenOf(await signInWithPassword(c.ctx(), { email: "sf-officer2@example.com", password: PASSWORD, code: totpCode(secret, c.clock.now()) }));
    expect((await sessionOf(targetToken)).roles).toEqual(["RA_OFFICER"]);

    await expectCode(resetSecondFactors(c.ctx({ actor: admin }), { userId: admin.userId }), "SECOND_FACTOR_OWN_RESET");
    await expectCode(resetSecondFactors(c.ctx({ actor: target }), { userId: admin.userId }), "FORBIDDEN");
    await expectCode(resetSecondFactors(c.ctx({ actor: admin }), { userId: subscriber.userId }), "NOT_FOUND");
    await expectCode(resetSecondFactors(c.ctx({ actor: admin }), { userId: "not-a-uuid" }), "VALIDATION_FAILED");
    expect(await db.prisma.totpFactor.count({ where: { userId: admin.userId } })).toBe(1);

    const list = await listStaffSecondFactors(c.ctx({ actor: admin }), {});
    expect(list.find((r) => r.id === target.userId)).toMatchObject({ totp: true, enrolled: true, self: false });
    expect(list.find((r) => r.id === admin.userId)).toMatchObject({ self: true });

    expect(await resetSecondFactors(c.ctx({ actor: admin }), { userId: target.userId })).toEqual({ totp: true, passkeys: 0, recoveryCodes: 10 });
    expect(await db.prisma.totpFactor.count({ where: { userId: target.userId } })).toBe(0);
    expect(await db.prisma.recoveryCode.count({ where: { userId: target.userId } })).toBe(0);
    const event = await lastAudit("second-factor.reset");
    expect(event).toMatchObject({ actorId: admin.userId, subjectId: target.userId, summary: { totp: true, passkeys: 0, recoveryCodes: 10 } });
    const mail = await db.prisma.notification.findFirstOrThrow({ where: { toAddress: "sf-officer2@example.com", template: "account.second-factor-reset" } });
    expect(mail.payload).toMatchObject({ path: "/account/security" });
    await expectCode(resetSecondFactors(c.ctx({ actor: admin }), { userId: target.userId }), "SECOND_FACTOR_NOT_ENROLLED");

    // The owner's existing session (signed in with a code) now has no staff power: the account has no factor.
    expect(await sessionOf(targetToken)).toMatchObject({ roles: [], secondFactorDue: "enrol", user: { secondFactor: false } });
    // And the password alone signs in without a factor, to enrol again.
    expect((await signInWithPassword(c.ctx(), { email: "sf-officer2@example.com", password: PASSWORD })).amr).toEqual(["pwd"]);
  });

  it("removing the last factor takes the recovery codes with it; another account's passkey is not found", async () => {
    const enrolling = await account("sf-agent@example.com", ["SUBSCRIBER", "AGENT"]);
    const c = makeCtx(db, new Date("2026-12-02T14:00:05Z"));
    const { secret } = await enrolTotp(enrolling, c);
    c.clock.advance(30_000);
    const { actor: agent } = await sessionOf(await tokenOf(await signInWithPassword(c.ctx(), { email: "sf-agent@example.com", password: PASSWORD, code: totpCode(secret, c.clock.now()) })));
    await expectCode(removeSecondFactor(c.ctx({ actor: agent }), { kind: "passkey", passkeyId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    await removeSecondFactor(c.ctx({ actor: agent }), { kind: "totp" });
    expect((await lastAudit("second-factor.removed")).summary).toEqual({ kind: "totp", passkeyId: null, recoveryCodesCleared: 10 });
    expect(await db.prisma.recoveryCode.count({ where: { userId: agent.userId } })).toBe(0);
    await expectCode(removeSecondFactor(c.ctx({ actor: agent }), { kind: "totp" }), "SECOND_FACTOR_NOT_ENROLLED");
    await expectCode(removeSecondFactor(c.ctx(), { kind: "totp" }), "UNAUTHENTICATED");
  });
});

/** A passkey row as registerPasskey stores it (no browser here to make a real one; only its presence matters below). */
async function storePasskey(userId: string, name: string): Promise<string> {
  const row = await db.prisma.passkey.create({ data: { userId, credentialId: `cred-${name}-${userId}`, publicKey: Buffer.from([1, 2, 3]), transports: ["internal"], name } });
  return row.id;
}

/** Everything the factor changes could write for an account: compared before and after a refusal. */
async function factorRows(userId: string) {
  const [user, totp, passkeys, codes, challenges] = await Promise.all([
    db.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { secondFactorVersion: true } }),
    db.prisma.totpFactor.findUnique({ where: { userId } }),
    db.prisma.passkey.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    db.prisma.recoveryCode.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    db.prisma.webAuthnChallenge.findMany({ where: { userId }, orderBy: { id: "asc" } }),
  ]);
  return { user, totp, passkeys, codes, challenges };
}

describe("changing second factors needs a session signed in with one, once the account has one", () => {
  it("a password-only session of an enrolled account is refused all five changes (audited, nothing written); the first enrolment with it works", async () => {
    const officer = await account("sf-change@example.com", ["RA_OFFICER"]);
    const c = makeCtx(db, new Date("2026-12-02T15:00:05Z"));
    // Someone signs in with the password alone, before the owner enrols (or the owner does).
    const passwordOnly = await sessionOf(await tokenOf(await signInWithPassword(c.ctx(), { email: "sf-change@example.com", password: PASSWORD })));
    expect(passwordOnly.user.secondFactor).toBe(false);
    expect((await getMySecondFactors(c.ctx({ actor: passwordOnly.actor }), {})).changes).toBe("first-factor");

    // The first factor may be enrolled with that session (how staff get theirs).
    const { secret, recoveryCodes } = await enrolTotp(passwordOnly.actor, c);
    expect(recoveryCodes).toHaveLength(10);

    // A session signed in with the code may change the factors; it asks for a passkey challenge here.
    c.clock.advance(30_000);
    const withCodeToken = await tokenOf(await signInWithPassword(c.ctx(), { email: "sf-change@example.com", password: PASSWORD, code: totpCode(secret, c.clock.now()) }));
    const withCode = await sessionOf(withCodeToken);
    expect(withCode.user.secondFactor).toBe(true);
    expect((await getMySecondFactors(c.ctx({ actor: withCode.actor }), {})).changes).toBe("with-second-factor");
    const { challengeId } = await passkeyRegistrationOptions(c.ctx({ actor: withCode.actor }));
    const passkeyId = await storePasskey(officer.userId, "laptop");

    // The page is told that the password-only session may not change them now.
    expect((await getMySecondFactors(c.ctx({ actor: passwordOnly.actor }), {})).changes).toBe("second-factor-session-required");

    const before = await factorRows(officer.userId);
    expect(before.challenges).toHaveLength(1);
    const refusedBefore = await db.prisma.auditEvent.count({ where: { action: "second-factor.change-refused" } });
    const as = c.ctx({ actor: passwordOnly.actor });
    const refusals: [string, () => Promise<unknown>][] = [
      ["passkey-add", () => registerPasskey(as, { challengeId, response: JSON.stringify({ id: "x", rawId: "x", type: "public-key", response: {} }), name: "thief's key" })],
      ["recovery-codes", () => regenerateRecoveryCodes(as, {})],
      ["remove", () => removeSecondFactor(as, { kind: "passkey", passkeyId })],
      ["remove", () => removeSecondFactor(as, { kind: "totp" })],
      ["totp-start", () => startTotpEnrolment(as, {})],
      ["totp-confirm", () => confirmTotpEnrolment(as, { code: totpCode(secret, c.clock.now()) })],
    ];
    for (const [change, run] of refusals) {
      expect(await refusal(run()), change).toBe("SECOND_FACTOR_SESSION_REQUIRED");
      expect((await lastAudit("second-factor.change-refused")).summary, change).toEqual({ change, reason: "second-factor-session-required" });
    }
    // The registration challenge too is refused before it is stored.
    await expectCode(passkeyRegistrationOptions(as), "SECOND_FACTOR_SESSION_REQUIRED");
    expect(await factorRows(officer.userId)).toEqual(before);
    expect(await db.prisma.auditEvent.count({ where: { action: "second-factor.change-refused" } })).toBe(refusedBefore + refusals.length);
    const event = await lastAudit("second-factor.change-refused");
    expect(event).toMatchObject({ actorId: officer.userId, subjectId: officer.userId });

    // The session with the code may: new recovery codes (which take no factor from a session).
    expect((await regenerateRecoveryCodes(c.ctx({ actor: withCode.actor }), {})).recoveryCodes).toHaveLength(10);
    expect((await sessionOf(withCodeToken)).user.secondFactor).toBe(true);
  });

  it("an account enrolled with a passkey only: a password-only session can neither start nor confirm an authenticator app; a session with the passkey can", async () => {
    const subscriber = await account("sf-passkey-only@example.com", ["SUBSCRIBER"]);
    const c = makeCtx(db, new Date("2026-12-02T16:00:05Z"));
    const passwordToken = await tokenOf(await signInWithPassword(c.ctx(), { email: "sf-passkey-only@example.com", password: PASSWORD }));
    await storePasskey(subscriber.userId, "phone");
    const passwordOnly = await sessionOf(passwordToken);
    // A sign-in with the passkey: the same token but for its amr (no browser here to answer a challenge).
    const withPasskey = await sessionOf({ ...passwordToken, amr: ["pwd", "webauthn"] });
    expect([passwordOnly.user.secondFactor, withPasskey.user.secondFactor]).toEqual([false, true]);

    await expectCode(startTotpEnrolment(c.ctx({ actor: passwordOnly.actor }), {}), "SECOND_FACTOR_SESSION_REQUIRED");
    expect(await db.prisma.totpFactor.count({ where: { userId: subscriber.userId } })).toBe(0);

    await startTotpEnrolment(c.ctx({ actor: withPasskey.actor }), {});
    const secret = (await getMySecondFactors(c.ctx({ actor: withPasskey.actor }), {})).pendingTotp!.secret;
    await expectCode(confirmTotpEnrolment(c.ctx({ actor: passwordOnly.actor }), { code: totpCode(secret, c.clock.now()) }), "SECOND_FACTOR_SESSION_REQUIRED");
    expect((await db.prisma.totpFactor.findUniqueOrThrow({ where: { userId: subscriber.userId } })).confirmedAt).toBeNull();
    // Not the first factor: no recovery codes come with it.
    expect(await confirmTotpEnrolment(c.ctx({ actor: withPasskey.actor }), { code: totpCode(secret, c.clock.now()) })).toEqual({ recoveryCodes: null });
  });
});

describe("a session's second factor ends with a removal or a reset", () => {
  it("after an administrator's reset and enrolling again, a session signed in with a code before the reset has no staff power", async () => {
    const admin = await account("sf-admin3@example.com", ["CA_ADMIN"]);
    await account("sf-officer3@example.com", ["RA_OFFICER"]);
    const c = makeCtx(db, new Date("2026-12-02T17:00:05Z"));
    const first = await enrolTotp((await sessionOf(await tokenOf(await signInWithPassword(c.ctx(), { email: "sf-officer3@example.com", password: PASSWORD })))).actor, c);
    c.clock.advance(30_000);
    const oldToken = await tokenOf(await signInWithPassword(c.ctx(), { email: "sf-officer3@example.com", password: PASSWORD, code: totpCode(first.secret, c.clock.now()) }));
    expect(await sessionOf(oldToken)).toMatchObject({ roles: ["RA_OFFICER"], secondFactorDue: null });

    await resetSecondFactors(c.ctx({ actor: { ...admin, secondFactor: true } }), { userId: oldToken.userId });
    const afterReset = await sessionOf(oldToken);
    expect(afterReset).toMatchObject({ roles: [], secondFactorDue: "enrol", user: { secondFactor: false } });

    // The owner enrols again with that session (no factor: the first one may be enrolled by any session) ...
    c.clock.advance(30_000);
    const second = await enrolTotp(afterReset.actor, c);
    // ... and the session signed in before the reset still has no staff power, nor may it change the new factor.
    const old = await sessionOf(oldToken);
    expect(old).toMatchObject({ roles: [], secondFactorDue: "sign-in-again", user: { secondFactor: false } });
    await expectCode(regenerateRecoveryCodes(c.ctx({ actor: old.actor }), {}), "SECOND_FACTOR_SESSION_REQUIRED");
    expect(second.recoveryCodes).toHaveLength(10);

    // A new sign-in with the new factor has it.
    c.clock.advance(30_000);
    const fresh = await signInWithPassword(c.ctx(), { email: "sf-officer3@example.com", password: PASSWORD, code: totpCode(second.secret, c.clock.now()) });
    expect(await sessionOf(await tokenOf(fresh))).toMatchObject({ roles: ["RA_OFFICER"], secondFactorDue: null });
  });

  it("removing one of two factors ends the second factor of every session, the remover's too; adding one ends none", async () => {
    const officer = await account("sf-officer4@example.com", ["RA_OFFICER"]);
    const c = makeCtx(db, new Date("2026-12-02T18:00:05Z"));
    const { secret } = await enrolTotp(officer, c);
    c.clock.advance(30_000);
    const token = await tokenOf(await signInWithPassword(c.ctx(), { email: "sf-officer4@example.com", password: PASSWORD, code: totpCode(secret, c.clock.now()) }));
    const session = await sessionOf(token);
    const passkeyId = await storePasskey(officer.userId, "key");
    // Adding a factor (and new recovery codes) takes nothing from a session.
    await regenerateRecoveryCodes(c.ctx({ actor: session.actor }), {});
    expect(await sessionOf(token)).toMatchObject({ roles: ["RA_OFFICER"], user: { secondFactor: true } });

    await removeSecondFactor(c.ctx({ actor: session.actor }), { kind: "passkey", passkeyId });
    // The authenticator app is still there, but the session may have signed in with the removed passkey.
    expect(await db.prisma.totpFactor.count({ where: { userId: officer.userId, confirmedAt: { not: null } } })).toBe(1);
    expect(await sessionOf(token)).toMatchObject({ roles: [], secondFactorDue: "sign-in-again", user: { secondFactor: false } });
  });
});
