import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { signUp } from "@/server/account/sign-up";
import { signInWithPassword } from "@/server/account/sign-in";
import { requestPasswordReset, RESET_MAILS_PER_HOUR } from "@/server/account/request-password-reset";
import { resetPassword } from "@/server/account/reset-password";
import { verifyAuditChain } from "@/server/core/audit";
import { expectCode, makeCtx, tokenFromOutbox } from "./helpers";

let db: Database;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe("password reset", () => {
  it("answers the same for known and unknown addresses; only the known one gets a mail", async () => {
    const { ctx } = makeCtx(db);
    await signUp(ctx(), { email: "judy@example.com", password: "judys password 1", locale: "en" });
    const before = await db.prisma.notification.count();
    const known = await requestPasswordReset(ctx(), { email: "JUDY@example.com" });
    const unknown = await requestPasswordReset(ctx(), { email: "nobody@example.com" });
    expect(known).toEqual(unknown);
    expect(await db.prisma.notification.count()).toBe(before + 1);
    const mail = await db.prisma.notification.findFirstOrThrow({ where: { template: "account.reset-password" } });
    // In the account's language, not the form's.
    expect(mail).toMatchObject({ toAddress: "judy@example.com", locale: "en" });
    expect(await db.prisma.auditEvent.count({ where: { action: "account.password-reset-requested" } })).toBe(2);
  });

  it("sets the new password with a single-use link, verifies the address, and the old password stops working", async () => {
    const { ctx } = makeCtx(db);
    const token = await tokenFromOutbox(db, "judy@example.com", "account.reset-password");
    await expectCode(resetPassword(ctx(), { token, password: "short" }), "WEAK_PASSWORD");
    await expectCode(resetPassword(ctx(), { token, password: "judy@example.com" }), "WEAK_PASSWORD");
    await resetPassword(ctx(), { token, password: "judys new password" });
    await expectCode(resetPassword(ctx(), { token, password: "yet another password" }), "TOKEN_INVALID");

    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "judy@example.com" } });
    expect(user.emailVerifiedAt).not.toBeNull();
    await expectCode(signInWithPassword(ctx(), { email: "judy@example.com", password: "judys password 1" }), "INVALID_CREDENTIALS");
    await signInWithPassword(ctx(), { email: "judy@example.com", password: "judys new password" });

    const dump = JSON.stringify(await db.prisma.auditEvent.findMany());
    expect(dump).not.toContain(token);
    expect(dump).not.toContain("judys new password");
  });

  it("expires a link after one hour, and a new request replaces the earlier link", async () => {
    const { ctx, clock } = makeCtx(db, new Date("2026-11-25T08:00:00Z"));
    await requestPasswordReset(ctx(), { email: "judy@example.com" });
    const first = await tokenFromOutbox(db, "judy@example.com", "account.reset-password");
    clock.advance(60_000);
    await requestPasswordReset(ctx(), { email: "judy@example.com" });
    const second = await tokenFromOutbox(db, "judy@example.com", "account.reset-password");
    expect(second).not.toBe(first);
    await expectCode(resetPassword(ctx(), { token: first, password: "password from old link" }), "TOKEN_INVALID");

    clock.advance(60 * 60 * 1000);
    await expectCode(resetPassword(ctx(), { token: second, password: "password too late" }), "TOKEN_INVALID");
  });

  it(`sends at most ${RESET_MAILS_PER_HOUR} reset mails an hour to one account`, async () => {
    const { ctx, clock } = makeCtx(db, new Date("2026-11-26T08:00:00Z"));
    await signUp(ctx(), { email: "ken@example.com", password: "kens password 1" });
    for (let i = 0; i < RESET_MAILS_PER_HOUR + 3; i++) {
      await requestPasswordReset(ctx(), { email: "ken@example.com" });
      clock.advance(1000);
    }
    expect(await db.prisma.notification.count({ where: { toAddress: "ken@example.com", template: "account.reset-password" } })).toBe(RESET_MAILS_PER_HOUR);
  });

  it("keeps the audit chain intact", async () => {
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });
});
