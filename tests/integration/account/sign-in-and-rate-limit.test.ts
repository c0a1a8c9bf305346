import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { signUp } from "@/server/account/sign-up";
import { verifyEmail } from "@/server/account/verify-email";
import { signInWithPassword } from "@/server/account/sign-in";
import { errorMessage } from "@/server/core/errors";
import { ACCOUNT_FAILURE_LIMIT, FAILURE_WINDOW_MS, IP_FAILURE_LIMIT } from "@/server/account/internal/rate-limit";
import { expectCode, makeCtx, tokenFromOutbox } from "./helpers";

let db: Database;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

async function verifiedUser(email: string, password: string): Promise<void> {
  const { ctx } = makeCtx(db);
  await signUp(ctx(), { email, password });
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

describe("sign-in", () => {
  it("answers a wrong password and an unknown account with the same generic error", async () => {
    await verifiedUser("erin@example.com", "erins password 1");
    const { ctx } = makeCtx(db, undefined, "198.51.100.1");
    expect(await codeOf(signInWithPassword(ctx(), { email: "erin@example.com", password: "wrong password!" }))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInWithPassword(ctx(), { email: "nobody@example.com", password: "wrong password!" }))).toBe("INVALID_CREDENTIALS");
    // The message says nothing about the account either way.
    expect(errorMessage("INVALID_CREDENTIALS", "en")).not.toMatch(/exist|unknown|not found/i);
    // Both failures are recorded and audited (committed despite the error).
    expect(await db.prisma.signInAttempt.count({ where: { success: false, ip: "198.51.100.1" } })).toBe(2);
    const failed = await db.prisma.auditEvent.findMany({ where: { action: "account.sign-in-failed" } });
    expect(failed.map((e) => (e.summary as { reason: string }).reason).sort()).toEqual(["unknown-account", "wrong-password"]);
    expect(JSON.stringify(failed)).not.toContain("wrong password!");
  });

  it("refuses a disabled account with the same generic error", async () => {
    await verifiedUser("frank@example.com", "franks password 1");
    await db.prisma.user.update({ where: { email: "frank@example.com" }, data: { disabledAt: new Date() } });
    const { ctx } = makeCtx(db, undefined, "198.51.100.2");
    await expectCode(signInWithPassword(ctx(), { email: "frank@example.com", password: "franks password 1" }), "INVALID_CREDENTIALS");
  });

  it(`locks an account after ${ACCOUNT_FAILURE_LIMIT} failures in 15 minutes, even for the right password, then lets it in after the window`, async () => {
    await verifiedUser("grace@example.com", "graces password 1");
    const { ctx, clock } = makeCtx(db, new Date("2026-11-24T15:00:00Z"));
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      // From different addresses: the per-account limit must not depend on the IP.
      const attempt = { ...ctx(), meta: { ip: `192.0.2.${i + 10}` } };
      expect(await codeOf(signInWithPassword(attempt, { email: "grace@example.com", password: `guess ${i} guess` }))).toBe("INVALID_CREDENTIALS");
      clock.advance(1000);
    }
    let refusal: unknown;
    try {
      await signInWithPassword(ctx(), { email: "grace@example.com", password: "graces password 1" });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toMatchObject({ code: "RATE_LIMITED" });
    const retryAfter = (refusal as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(FAILURE_WINDOW_MS / 1000);
    expect(await db.prisma.auditEvent.count({ where: { action: "account.sign-in-refused", subjectId: { not: null } } })).toBeGreaterThanOrEqual(1);

    // The same limit for an address that has no account: the answer cannot tell them apart.
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      await codeOf(signInWithPassword({ ...ctx(), meta: { ip: `192.0.2.${i + 50}` } }, { email: "ghost@example.com", password: `guess ${i} guess` }));
    }
    expect(await codeOf(signInWithPassword(ctx(), { email: "ghost@example.com", password: "whatever pass" }))).toBe("RATE_LIMITED");

    clock.advance(retryAfter * 1000);
    expect(await codeOf(signInWithPassword(ctx(), { email: "grace@example.com", password: "graces password 1" }))).toBe("OK");
  });

  it("a successful sign-in ends the account's failure count", async () => {
    await verifiedUser("heidi@example.com", "heidis password 1");
    const { ctx, clock } = makeCtx(db, new Date("2026-11-24T16:00:00Z"), "192.0.2.200");
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) {
        await codeOf(signInWithPassword(ctx(), { email: "heidi@example.com", password: "typo typo typo" }));
        clock.advance(1000);
      }
      expect(await codeOf(signInWithPassword(ctx(), { email: "heidi@example.com", password: "heidis password 1" }))).toBe("OK");
      clock.advance(1000);
    }
  });

  it(`limits one address to ${IP_FAILURE_LIMIT} failures across accounts`, async () => {
    await verifiedUser("ivan@example.com", "ivans password 1");
    const { ctx, clock } = makeCtx(db, new Date("2026-11-24T17:00:00Z"), "203.0.113.99");
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      // A different address each time, so no per-account limit is reached.
      expect(await codeOf(signInWithPassword(ctx(), { email: `spray${i}@example.com`, password: "Password123!" }))).toBe("INVALID_CREDENTIALS");
      clock.advance(500);
    }
    expect(await codeOf(signInWithPassword(ctx(), { email: "ivan@example.com", password: "ivans password 1" }))).toBe("RATE_LIMITED");
    // Another client is not affected.
    expect(await codeOf(signInWithPassword({ ...ctx(), meta: { ip: "203.0.113.100" } }, { email: "ivan@example.com", password: "ivans password 1" }))).toBe("OK");
    // After the window the address may try again.
    clock.advance(FAILURE_WINDOW_MS);
    expect(await codeOf(signInWithPassword(ctx(), { email: "ivan@example.com", password: "ivans password 1" }))).toBe("OK");
  });
});
