import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { expectCode, makeCtx, tokenFromOutbox } from "../account/helpers";
import { signUp } from "@/server/account/sign-up";
import { verifyEmail } from "@/server/account/verify-email";
import { signInWithPassword } from "@/server/account/sign-in";
import { sessionRoles } from "@/server/auth/second-factor-rule";
import type { Role } from "@/server/auth/roles";
import type { Actor } from "@/server/core/context";
import { startTotpEnrolment } from "@/server/second-factor/start-totp-enrolment";
import { confirmTotpEnrolment } from "@/server/second-factor/confirm-totp-enrolment";
import { getMySecondFactors } from "@/server/second-factor/get-my-second-factors";
import { resetSecondFactors } from "@/server/second-factor/reset-second-factors";
import { listStaffSecondFactors } from "@/server/second-factor/list-staff-second-factors";
import { removeSecondFactor } from "@/server/second-factor/remove-second-factor";
import { passkeySignInOptions } from "@/server/second-factor/passkey-options";
import { totpCode } from "@/server/second-factor/totp";

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
    const session = sessionRoles(u.roles as Role[], { amr: u.amr, enrolled: false });
    expect(session).toEqual({ roles: [], secondFactorDue: "enrol" });
    await expectCode(listStaffSecondFactors(c.ctx({ actor: { userId: admin.userId, roles: session.roles } }), {}), "FORBIDDEN");
    await expectCode(resetSecondFactors(c.ctx({ actor: { userId: admin.userId, roles: session.roles } }), { userId: admin.userId }), "FORBIDDEN");

    // Enrolment needs no staff power (any signed-in account may enrol).
    const { secret } = await enrolTotp({ userId: admin.userId, roles: session.roles }, c);
    c.clock.advance(30_000);
    const again = await signInWithPassword(c.ctx(), { email: "sf-admin@example.com", password: PASSWORD, code: totpCode(secret, c.clock.now()) });
    expect(again.amr).toEqual(["pwd", "otp"]);
    expect(sessionRoles(again.roles as Role[], { amr: again.amr, enrolled: true })).toEqual({ roles: ["CA_ADMIN"], secondFactorDue: null });
  });

  it("enrols TOTP: a wrong code is audited and confirms nothing; the secret is sealed at rest; ten recovery codes, stored hashed", async () => {
    const officer = await account("sf-officer@example.com", ["RA_OFFICER"]);
    const c = makeCtx(db, new Date("2026-12-02T10:00:05Z"));
    await startTotpEnrolment(c.ctx({ actor: officer }), {});
    const secret = (await getMySecondFactors(c.ctx({ actor: officer }), {})).pendingTotp!.secret;
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
    expect((await getMySecondFactors(c.ctx({ actor: officer }), {})).totp.enrolled).toBe(true);
    await expectCode(startTotpEnrolment(c.ctx({ actor: officer }), {}), "SECOND_FACTOR_ALREADY_ENROLLED");

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
    await enrolTotp(target, c);
    await enrolTotp(admin, c);
    expect(sessionRoles(target.roles, { amr: ["pwd", "otp"], enrolled: true }).roles).toEqual(["RA_OFFICER"]);

    await expectCode(resetSecondFactors(c.ctx({ actor: admin }), { userId: admin.userId }), "SECOND_FACTOR_OWN_RESET");
    await expectCode(resetSecondFactors(c.ctx({ actor: target }), { userId: admin.userId }), "FORBIDDEN");
    await expectCode(resetSecondFactors(c.ctx({ actor: admin }), { userId: subscriber.userId }), "NOT_FOUND");
    await expectCode(resetSecondFactors(c.ctx({ actor: admin }), { userId: "not-a-uuid" }), "VALIDATION_FAILED");
    expect(await db.prisma.totpFactor.count({ where: { userId: admin.userId } })).toBe(1);

    const list = await listStaffSecondFactors(c.ctx({ actor: admin }), {});
    expect(list.find((r) => r.id === target.userId)).toMatchObject({ totp: true, self: false });
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
    expect(sessionRoles(target.roles, { amr: ["pwd", "otp"], enrolled: false })).toEqual({ roles: [], secondFactorDue: "enrol" });
    // And the password alone signs in without a factor, to enrol again.
    expect((await signInWithPassword(c.ctx(), { email: "sf-officer2@example.com", password: PASSWORD })).amr).toEqual(["pwd"]);
  });

  it("removing the last factor takes the recovery codes with it; another account's passkey is not found", async () => {
    const agent = await account("sf-agent@example.com", ["SUBSCRIBER", "AGENT"]);
    const c = makeCtx(db, new Date("2026-12-02T14:00:05Z"));
    await enrolTotp(agent, c);
    await expectCode(removeSecondFactor(c.ctx({ actor: agent }), { kind: "passkey", passkeyId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    await removeSecondFactor(c.ctx({ actor: agent }), { kind: "totp" });
    expect((await lastAudit("second-factor.removed")).summary).toEqual({ kind: "totp", passkeyId: null, recoveryCodesCleared: 10 });
    expect(await db.prisma.recoveryCode.count({ where: { userId: agent.userId } })).toBe(0);
    await expectCode(removeSecondFactor(c.ctx({ actor: agent }), { kind: "totp" }), "SECOND_FACTOR_NOT_ENROLLED");
    await expectCode(removeSecondFactor(c.ctx(), { kind: "totp" }), "UNAUTHENTICATED");
  });
});
