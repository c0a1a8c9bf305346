import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { signUp } from "@/server/account/sign-up";
import { verifyEmail } from "@/server/account/verify-email";
import { signInWithPassword } from "@/server/account/sign-in";
import { resendVerification } from "@/server/account/resend-verification";
import { verifyAuditChain } from "@/server/core/audit";
import { hashLinkToken } from "@/server/account/internal/tokens";
import { expectCode, makeCtx, tokenFromOutbox } from "./helpers";

let db: Database;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe("sign-up and email verification", () => {
  it("creates an unverified subscriber with an argon2id hash, queues the verification mail, audits without secrets", async () => {
    const { ctx } = makeCtx(db);
    const answer = await signUp(ctx(), { email: "  Alice@Example.COM ", password: "correct horse battery", locale: "en" });
    expect(answer).toEqual({ email: "alice@example.com" });

    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    const userId = user.id;
    expect(user.email).toBe("alice@example.com");
    expect(user.roles).toEqual(["SUBSCRIBER"]);
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.locale).toBe("en");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const mail = await db.prisma.notification.findFirstOrThrow({ where: { userId } });
    expect(mail).toMatchObject({ template: "account.verify-email", toAddress: "alice@example.com", locale: "en", status: "PENDING" });
    const token = await tokenFromOutbox(db, "alice@example.com", "account.verify-email");
    // Only the hash is stored.
    const stored = await db.prisma.emailToken.findFirstOrThrow({ where: { userId } });
    expect(stored.tokenHash).toBe(hashLinkToken(token));
    expect(stored.tokenHash).not.toContain(token);

    const events = await db.prisma.auditEvent.findMany({ where: { action: "account.sign-up" } });
    expect(events).toHaveLength(1);
    const dump = JSON.stringify(events);
    expect(dump).not.toContain("correct horse");
    expect(dump).not.toContain("alice@example.com");
    expect(dump).not.toContain(token);
  });

  it("makes no second account for the same address, in any letter case, and answers exactly as for a new one", async () => {
    const { ctx } = makeCtx(db);
    const before = await db.prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    const answer = await signUp(ctx(), { email: "ALICE@example.com", password: "another long password" });
    expect(answer).toEqual({ email: "alice@example.com" });
    expect(await db.prisma.user.count({ where: { email: "alice@example.com" } })).toBe(1);
    // The owner's password and state are untouched; no verification link is made for the stranger.
    const after = await db.prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await db.prisma.emailToken.count({ where: { userId: before.id } })).toBe(1);
  });

  it("applies the password policy: at least 10 characters, not the address", async () => {
    const { ctx } = makeCtx(db);
    await expectCode(signUp(ctx(), { email: "bob@example.com", password: "short" }), "WEAK_PASSWORD");
    await expectCode(signUp(ctx(), { email: "bobby.tables@example.com", password: "Bobby.Tables@example.com" }), "WEAK_PASSWORD");
    await expectCode(signUp(ctx(), { email: "bobby.tables@example.com", password: "bobby.tables" }), "WEAK_PASSWORD");
    await expectCode(signUp(ctx(), { email: "not-an-address", password: "long enough password" }), "VALIDATION_FAILED");
    expect(await db.prisma.user.count({ where: { email: { startsWith: "bob" } } })).toBe(0);
  });

  it("refuses sign-in before verification, then allows it after the link is opened", async () => {
    const { ctx } = makeCtx(db);
    await signUp(ctx(), { email: "carol@example.com", password: "carols password 1" });
    await expectCode(signInWithPassword(ctx(), { email: "carol@example.com", password: "carols password 1" }), "EMAIL_NOT_VERIFIED");
    // The refusal is evidence: committed and audited.
    expect(await db.prisma.auditEvent.count({ where: { action: "account.sign-in-refused" } })).toBe(1);

    const token = await tokenFromOutbox(db, "carol@example.com", "account.verify-email");
    const r = await verifyEmail(ctx(), { token });
    expect(r.alreadyVerified).toBe(false);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "carol@example.com" } });
    expect(user.emailVerifiedAt).not.toBeNull();

    // A mail scanner or a second click: still "verified", nothing new consumed.
    expect((await verifyEmail(ctx(), { token })).alreadyVerified).toBe(true);

    const signedIn = await signInWithPassword(ctx(), { email: "Carol@Example.com", password: "carols password 1" });
    expect(signedIn).toMatchObject({ id: user.id, email: "carol@example.com", roles: ["SUBSCRIBER"] });
    expect(await db.prisma.auditEvent.count({ where: { action: "account.sign-in", subjectId: user.id } })).toBe(1);
  });

  it("rejects unknown and expired verification links", async () => {
    const { ctx, clock } = makeCtx(db);
    await expectCode(verifyEmail(ctx(), { token: "A".repeat(43) }), "TOKEN_INVALID");
    await signUp(ctx(), { email: "dave@example.com", password: "daves password 1" });
    const token = await tokenFromOutbox(db, "dave@example.com", "account.verify-email");
    clock.advance(24 * 60 * 60 * 1000 + 1);
    await expectCode(verifyEmail(ctx(), { token }), "TOKEN_INVALID");

    // A new link can be asked for; it answers the same for unknown addresses.
    await resendVerification(ctx(), { email: "dave@example.com" });
    await resendVerification(ctx(), { email: "nobody@example.com" });
    const fresh = await tokenFromOutbox(db, "dave@example.com", "account.verify-email");
    expect(fresh).not.toBe(token);
    await verifyEmail(ctx(), { token: fresh });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: "dave@example.com" } })).emailVerifiedAt).not.toBeNull();
  });

  it("keeps the audit chain intact", async () => {
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });
});
