import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { signUp } from "@/server/account/sign-up";
import { verifyEmail } from "@/server/account/verify-email";
import { signInWithPassword } from "@/server/account/sign-in";
import { errorMessage } from "@/server/core/errors";
import { ACCOUNT_FAILURE_LIMIT, delayAfterFailures, FAILURE_WINDOW_MS, IP_FAILURE_LIMIT, PAIR_FREE_FAILURES } from "@/server/account/internal/rate-limit";
import { emailKey } from "@/server/shared";
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

async function refusalOf(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; details: Record<string, unknown> };
  }
  throw new Error("expected a refusal, but it succeeded");
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

  it(`throttles one address on one account after ${PAIR_FREE_FAILURES} failures, 2, 4, 8 s ... up to 15 min, and says until when; other addresses are not held`, async () => {
    await verifiedUser("grace@example.com", "graces password 1");
    const t0 = new Date("2026-11-24T15:00:00Z");
    const { ctx, clock } = makeCtx(db, t0, "192.0.2.10");
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await codeOf(signInWithPassword(ctx(), { email: "grace@example.com", password: `guess ${i} guess` }))).toBe("INVALID_CREDENTIALS");
      clock.advance(1000);
    }
    // The fifth failure was at t0+4 s: this address waits 2 s, until t0+6 s (23:00:06 in Beijing).
    const refusal = await refusalOf(signInWithPassword(ctx(), { email: "grace@example.com", password: "graces password 1" }));
    expect(refusal).toMatchObject({ code: "SIGN_IN_DELAYED", details: { retryAfterSeconds: 1, retryAt: "23:00:06", retryMinutes: 1 } });
    expect(errorMessage("SIGN_IN_DELAYED", "zh", refusal.details)).toBe(
      "登录失败次数过多，请于 23:00:06（北京时间）之后再试，约 1 分钟内。如忘记密码，可通过“忘记密码”重设密码，重设通常会解除本账号的登录限制。",
    );
    expect(errorMessage("SIGN_IN_DELAYED", "en", refusal.details)).toContain("after 23:00:06");
    const refused = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "account.sign-in-refused" }, orderBy: { seq: "desc" } });
    expect(refused.summary).toMatchObject({ reason: "rate-limited", limit: "address-on-account", retryAt: "2026-11-24T15:00:06.000Z" });

    // The owner elsewhere is not held by this address's failures (the old hard lock held everyone).
    expect(await codeOf(signInWithPassword({ ...ctx(), meta: { ip: "192.0.2.11" } }, { email: "grace@example.com", password: "graces password 1" }))).toBe("OK");

    // Each further failure doubles the wait, up to 15 minutes.
    const waits: number[] = [];
    clock.set(new Date(t0.getTime() + 6000));
    for (let i = 0; i < 12; i++) {
      expect(await codeOf(signInWithPassword(ctx(), { email: "grace@example.com", password: "still guessing" }))).toBe("INVALID_CREDENTIALS");
      const hit = await refusalOf(signInWithPassword(ctx(), { email: "grace@example.com", password: "graces password 1" }));
      expect(hit.code).toBe("SIGN_IN_DELAYED");
      const wait = hit.details.retryAfterSeconds as number;
      waits.push(wait);
      clock.advance(wait * 1000);
    }
    expect(waits).toEqual([4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
    expect(waits.map((_, i) => delayAfterFailures(PAIR_FREE_FAILURES + 1 + i) / 1000)).toEqual(waits);

    // Waiting until the time given always works, and a success starts the count again.
    expect(await codeOf(signInWithPassword(ctx(), { email: "grace@example.com", password: "graces password 1" }))).toBe("OK");
    for (let i = 0; i < PAIR_FREE_FAILURES - 1; i++) {
      expect(await codeOf(signInWithPassword(ctx(), { email: "grace@example.com", password: "typo typo typo" }))).toBe("INVALID_CREDENTIALS");
    }
    expect(await codeOf(signInWithPassword(ctx(), { email: "grace@example.com", password: "graces password 1" }))).toBe("OK");

    // The same for an address that has no account: the answer cannot tell them apart.
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await codeOf(signInWithPassword(ctx(), { email: "ghost@example.com", password: `guess ${i} guess` }));
    expect(await codeOf(signInWithPassword(ctx(), { email: "ghost@example.com", password: "whatever pass" }))).toBe("SIGN_IN_DELAYED");
  });

  it(`refuses unknown addresses after ${ACCOUNT_FAILURE_LIMIT} failures on one account from everywhere, never the account's known address`, async () => {
    await verifiedUser("kim@example.com", "kims password 1");
    const { ctx, clock } = makeCtx(db, new Date("2026-11-24T18:00:00Z"), "198.51.100.77");
    // The staff member signs in from their usual address.
    expect(await codeOf(signInWithPassword(ctx(), { email: "kim@example.com", password: "kims password 1" }))).toBe("OK");
    clock.advance(60_000);
    // Someone else's failures, from many addresses (one each, so no address is throttled on its own).
    const at = clock.now();
    await db.prisma.signInAttempt.createMany({
      data: Array.from({ length: ACCOUNT_FAILURE_LIMIT }, (_, i) => ({ emailKey: emailKey("kim@example.com"), ip: `10.1.${Math.floor(i / 250)}.${i % 250}`, at: new Date(at.getTime() - i * 1000), success: false })),
    });
    clock.advance(1000);
    const stranger = { ...ctx(), meta: { ip: "198.51.100.200" } };
    const hit = await refusalOf(signInWithPassword(stranger, { email: "kim@example.com", password: "kims password 1" }));
    expect(hit).toMatchObject({ code: "SIGN_IN_DELAYED" });
    expect(hit.details.retryAfterSeconds as number).toBeLessThanOrEqual(FAILURE_WINDOW_MS / 1000);
    // The known address is not kept out.
    expect(await codeOf(signInWithPassword(ctx(), { email: "kim@example.com", password: "kims password 1" }))).toBe("OK");
    // After the window the stranger's address may try too.
    clock.advance(FAILURE_WINDOW_MS);
    expect(await codeOf(signInWithPassword(stranger, { email: "kim@example.com", password: "kims password 1" }))).toBe("OK");
  });

  it("a successful sign-in ends the address's failure count", async () => {
    await verifiedUser("heidi@example.com", "heidis password 1");
    const { ctx, clock } = makeCtx(db, new Date("2026-11-24T16:00:00Z"), "192.0.2.200");
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < PAIR_FREE_FAILURES - 1; i++) {
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
    expect(await codeOf(signInWithPassword(ctx(), { email: "ivan@example.com", password: "ivans password 1" }))).toBe("SIGN_IN_DELAYED");
    // Another client is not affected.
    expect(await codeOf(signInWithPassword({ ...ctx(), meta: { ip: "203.0.113.100" } }, { email: "ivan@example.com", password: "ivans password 1" }))).toBe("OK");
    // After the window the address may try again.
    clock.advance(FAILURE_WINDOW_MS);
    expect(await codeOf(signInWithPassword(ctx(), { email: "ivan@example.com", password: "ivans password 1" }))).toBe("OK");
  });
});
