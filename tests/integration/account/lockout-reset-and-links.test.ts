import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { signUp } from "@/server/account/sign-up";
import { verifyEmail } from "@/server/account/verify-email";
import { signInWithPassword } from "@/server/account/sign-in";
import { requestPasswordReset } from "@/server/account/request-password-reset";
import { resetPassword } from "@/server/account/reset-password";
import { getLinkState } from "@/server/account/get-link-state";
import { createMailRenderer } from "@/server/mail/templates";
import { emailKey } from "@/server/shared";
import { expectCode, makeCtx, tokenFromOutbox } from "./helpers";

// Issue 15 item 4: a reset lifts the sign-in delay, a reused or expired link says so before any
// typing (read without using it), and sign-up does not tell whether an address has an account.

let db: Database;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

async function verifiedUser(email: string, password: string, locale: "zh-CN" | "en" = "zh-CN"): Promise<void> {
  const { ctx } = makeCtx(db);
  await signUp(ctx(), { email, password, locale });
  await verifyEmail(ctx(), { token: await tokenFromOutbox(db, email, "account.verify-email") });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return (e as { code?: string }).code ?? "THROWN";
  }
}

describe("a password reset lifts the sign-in delay", () => {
  it("after many wrong passwords the account is held; the reset clears its failures, is audited, and the new password works at once", async () => {
    await verifiedUser("lock@example.com", "locks password 1");
    await verifiedUser("other@example.com", "others password 1");
    const { ctx, clock } = makeCtx(db, new Date("2026-11-25T06:00:00Z"), "192.0.2.50");
    // The same address also fails on another account: that row is the spray limit's, not this account's.
    expect(await codeOf(signInWithPassword(ctx(), { email: "other@example.com", password: "not the one 0" }))).toBe("INVALID_CREDENTIALS");
    let held = 0;
    for (let i = 0; i < 12; i++) {
      const code = await codeOf(signInWithPassword(ctx(), { email: "lock@example.com", password: `wrong guess ${i}` }));
      if (code === "SIGN_IN_DELAYED") held += 1;
      else expect(code).toBe("INVALID_CREDENTIALS");
    }
    // With the clock standing still, everything after the fifth failure is held.
    expect(held).toBe(7);
    expect(await codeOf(signInWithPassword(ctx(), { email: "lock@example.com", password: "locks password 1" }))).toBe("SIGN_IN_DELAYED");

    clock.advance(60_000);
    await requestPasswordReset(ctx(), { email: "lock@example.com" });
    await resetPassword(ctx(), { token: await tokenFromOutbox(db, "lock@example.com", "account.reset-password"), password: "a new password 2" });

    const reset = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "account.password-reset" }, orderBy: { seq: "desc" } });
    expect(reset.summary).toEqual({ alsoVerifiedEmail: false, signInLockLifted: true });
    expect(await db.prisma.signInAttempt.count({ where: { emailKey: emailKey("lock@example.com"), success: false } })).toBe(0);
    // The other account's failure from this address stays counted.
    expect(await db.prisma.signInAttempt.count({ where: { emailKey: emailKey("other@example.com"), success: false } })).toBe(1);

    // Same address, same minute: in at once, with the new password only.
    expect(await codeOf(signInWithPassword(ctx(), { email: "lock@example.com", password: "locks password 1" }))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInWithPassword(ctx(), { email: "lock@example.com", password: "a new password 2" }))).toBe("OK");
  });

  it("an account with a second factor stays held after a reset: its wrong codes count in the same rows, and the mailbox is not the factor", async () => {
    await verifiedUser("twofactor@example.com", "twofactor password 1");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "twofactor@example.com" } });
    await db.prisma.totpFactor.create({ data: { userId: user.id, secretSealed: "sealed", confirmedAt: new Date("2026-11-01T00:00:00Z") } });
    const { ctx, clock } = makeCtx(db, new Date("2026-11-25T06:30:00Z"), "192.0.2.51");
    // Eleven failures, each after the previous delay ran out (so each counts): the last holds for 128 s.
    for (let i = 0; i < 11; i++) {
      expect(await codeOf(signInWithPassword(ctx(), { email: "twofactor@example.com", password: `wrong guess ${i}` }))).toBe("INVALID_CREDENTIALS");
      if (i < 10) clock.advance(130_000);
    }
    clock.advance(30_000);
    await requestPasswordReset(ctx(), { email: "twofactor@example.com" });
    await resetPassword(ctx(), { token: await tokenFromOutbox(db, "twofactor@example.com", "account.reset-password"), password: "twofactor password 2" });
    const reset = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "account.password-reset", subjectId: user.id }, orderBy: { seq: "desc" } });
    expect(reset.summary).toEqual({ alsoVerifiedEmail: false, signInLockLifted: false });
    expect(await db.prisma.signInAttempt.count({ where: { emailKey: emailKey("twofactor@example.com"), success: false } })).toBe(11);
    expect(await codeOf(signInWithPassword(ctx(), { email: "twofactor@example.com", password: "twofactor password 2" }))).toBe("SIGN_IN_DELAYED");
  });

  it("a reset with nothing to lift says so in the audit", async () => {
    await verifiedUser("calm@example.com", "calms password 1");
    const { ctx } = makeCtx(db, new Date("2026-11-25T07:00:00Z"));
    await requestPasswordReset(ctx(), { email: "calm@example.com" });
    await resetPassword(ctx(), { token: await tokenFromOutbox(db, "calm@example.com", "account.reset-password"), password: "calms password 2" });
    const reset = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "account.password-reset" }, orderBy: { seq: "desc" } });
    expect(reset.summary).toEqual({ alsoVerifiedEmail: false, signInLockLifted: false });
  });
});

describe("a reset link's state is read when the page opens, without using it", () => {
  it("valid (read twice, still usable), then used; expired after an hour; replaced by a newer link; anything else invalid; nothing written", async () => {
    await verifiedUser("link@example.com", "links password 1");
    const { ctx, clock } = makeCtx(db, new Date("2026-11-25T08:00:00Z"));
    await requestPasswordReset(ctx(), { email: "link@example.com" });
    const first = await tokenFromOutbox(db, "link@example.com", "account.reset-password");

    const auditBefore = await db.prisma.auditEvent.count();
    expect(await getLinkState(ctx(), { token: first, purpose: "RESET_PASSWORD" })).toBe("valid");
    expect(await getLinkState(ctx(), { token: first, purpose: "RESET_PASSWORD" })).toBe("valid");
    expect(await db.prisma.emailToken.count({ where: { user: { email: "link@example.com" }, purpose: "RESET_PASSWORD", usedAt: { not: null } } })).toBe(0);
    expect(await db.prisma.auditEvent.count()).toBe(auditBefore);

    // A newer request replaces the first link: it reads as expired, the new one as valid.
    clock.advance(1000);
    await requestPasswordReset(ctx(), { email: "link@example.com" });
    const second = await tokenFromOutbox(db, "link@example.com", "account.reset-password");
    expect(second).not.toBe(first);
    expect(await getLinkState(ctx(), { token: first, purpose: "RESET_PASSWORD" })).toBe("expired");
    expect(await getLinkState(ctx(), { token: second, purpose: "RESET_PASSWORD" })).toBe("valid");

    await resetPassword(ctx(), { token: second, password: "links password 2" });
    expect(await getLinkState(ctx(), { token: second, purpose: "RESET_PASSWORD" })).toBe("used");
    await expectCode(resetPassword(ctx(), { token: second, password: "links password 3" }), "TOKEN_INVALID");

    clock.advance(5 * 60_000);
    await requestPasswordReset(ctx(), { email: "link@example.com" });
    const third = await tokenFromOutbox(db, "link@example.com", "account.reset-password");
    clock.advance(60 * 60_000 + 1);
    expect(await getLinkState(ctx(), { token: third, purpose: "RESET_PASSWORD" })).toBe("expired");

    // Unknown, malformed, hostile, or a verification token: invalid, never an error.
    for (const token of ["A".repeat(43), "x", "", "<script>alert(1)</script>", "a b c d e f g h i j k l m n o p", "%00".repeat(100)]) {
      expect(await getLinkState(ctx(), { token, purpose: "RESET_PASSWORD" })).toBe("invalid");
    }
    await signUp(ctx(), { email: "fresh@example.com", password: "freshs password 1" });
    const verifyToken = await tokenFromOutbox(db, "fresh@example.com", "account.verify-email");
    expect(await getLinkState(ctx(), { token: verifyToken, purpose: "RESET_PASSWORD" })).toBe("invalid");
  });

  it("a disabled account's link reads as invalid, like an unknown one", async () => {
    await verifiedUser("gone@example.com", "gones password 1");
    const { ctx } = makeCtx(db, new Date("2026-11-25T09:00:00Z"));
    await requestPasswordReset(ctx(), { email: "gone@example.com" });
    const token = await tokenFromOutbox(db, "gone@example.com", "account.reset-password");
    await db.prisma.user.update({ where: { email: "gone@example.com" }, data: { disabledAt: new Date() } });
    expect(await getLinkState(ctx(), { token, purpose: "RESET_PASSWORD" })).toBe("invalid");
  });
});

describe("sign-up does not tell whether an address has an account", () => {
  it("the same answer either way; the owner is mailed (once an hour) in the account's language with the sign-in link; the audit names no address", async () => {
    await verifiedUser("owner@example.com", "owners password 1", "en");
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    const { ctx, clock } = makeCtx(db, new Date("2026-11-25T10:00:00Z"));

    const forNew = await signUp(ctx(), { email: "newcomer@example.com", password: "a long password 1" });
    const forExisting = await signUp(ctx(), { email: " Owner@Example.com ", password: "a long password 1" });
    expect(forNew).toEqual({ email: "newcomer@example.com" });
    expect(forExisting).toEqual({ email: "owner@example.com" });
    expect(Object.keys(forExisting)).toEqual(Object.keys(forNew));

    // Nothing about the owner's account changed; the stranger got no link into it.
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(after.passwordHash).toBe(owner.passwordHash);
    expect(await db.prisma.emailToken.count({ where: { userId: owner.id, createdAt: { gte: new Date("2026-11-25T10:00:00Z") } } })).toBe(0);

    const mails = await db.prisma.notification.findMany({ where: { userId: owner.id, template: "account.sign-up-existing" } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: "owner@example.com", locale: "en" });
    const rendered = createMailRenderer("https://portal.example")({ template: mails[0]!.template, locale: "en", payload: mails[0]!.payload });
    expect(rendered.text).toContain("https://portal.example/sign-in");
    expect(rendered.text).toContain("Forgot password");
    expect(rendered.text).not.toMatch(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/);
    const zh = createMailRenderer("https://portal.example")({ template: mails[0]!.template, locale: "zh-CN", payload: mails[0]!.payload });
    expect(zh.text).toContain("忘记密码");
    expect(zh.text).toContain("北京时间");

    // A second try within the hour: same answer, no second mail, audited as throttled.
    clock.advance(10 * 60_000);
    expect(await signUp(ctx(), { email: "owner@example.com", password: "a long password 1" })).toEqual({ email: "owner@example.com" });
    expect(await db.prisma.notification.count({ where: { userId: owner.id, template: "account.sign-up-existing" } })).toBe(1);
    clock.advance(60 * 60_000);
    await signUp(ctx(), { email: "owner@example.com", password: "a long password 1" });
    expect(await db.prisma.notification.count({ where: { userId: owner.id, template: "account.sign-up-existing" } })).toBe(2);

    const events = await db.prisma.auditEvent.findMany({ where: { action: "account.sign-up-existing-address" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.summary)).toEqual([{ mailed: true }, { mailed: false, reason: "throttled" }, { mailed: true }]);
    expect(events.every((e) => e.subjectId === owner.id)).toBe(true);
    expect(JSON.stringify(events)).not.toContain("owner@example.com");
  });

  it("a weak password is refused the same way whether or not the address has an account", async () => {
    const { ctx } = makeCtx(db, new Date("2026-11-25T11:00:00Z"));
    await expectCode(signUp(ctx(), { email: "owner@example.com", password: "short" }), "WEAK_PASSWORD");
    await expectCode(signUp(ctx(), { email: "nobody-yet@example.com", password: "short" }), "WEAK_PASSWORD");
  });
});
