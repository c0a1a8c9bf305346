import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { DEMO_ACCOUNTS_FILE, ensureDemoAccounts } from "@/server/bootstrap/demo-accounts";
import { signInWithPassword } from "@/server/account/sign-in";
import { setPreferredLocale } from "@/server/account/set-preferred-locale";
import { getMyAccount } from "@/server/account/get-my-account";
import { totpCode } from "@/server/second-factor/totp";
import { expectCode, makeCtx } from "./helpers";

let db: Database;
let dir: string;
beforeAll(async () => {
  // The staff demo accounts' TOTP secrets are sealed with a key derived from the auth secret.
  vi.stubEnv("AUTH_SECRET", "demo accounts test auth secret, thirty-two characters or more");
  db = await openTestDb();
  dir = await mkdtemp(path.join(os.tmpdir(), "demo-accounts-"));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("demo accounts", () => {
  it("creates verified accounts for every role once, keeps their passwords in a 0600 file, and they can sign in", async () => {
    const { ctx, clock } = makeCtx(db);
    const first = await ensureDemoAccounts(ctx(), dir);
    expect(first?.map((a) => a.roles.join("+")).sort()).toEqual(["AUDITOR", "CA_ADMIN", "CA_ADMIN", "RA_OFFICER", "SUBSCRIBER", "SUBSCRIBER", "SUBSCRIBER+AGENT"]);
    const file = path.join(dir, DEMO_ACCOUNTS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // Second start: same accounts and passwords, nothing new created.
    const second = await ensureDemoAccounts(ctx(), dir);
    expect(second).toEqual(first);
    expect(await db.prisma.user.count()).toBe(7);

    for (const a of first ?? []) {
      // Staff accounts come enrolled with the TOTP secret printed beside their password: the password alone is not enough.
      const staff = a.roles.some((r) => ["RA_OFFICER", "CA_ADMIN", "AUDITOR"].includes(r));
      expect(!!a.totpSecret, a.email).toBe(staff);
      if (a.totpSecret) await expectCode(signInWithPassword(ctx(), { email: a.email, password: a.password }), "SECOND_FACTOR_REQUIRED");
      const code = a.totpSecret ? totpCode(a.totpSecret, clock.now()) : undefined;
      const u = await signInWithPassword(ctx(), { email: a.email, password: a.password, code });
      expect(u.roles).toEqual(a.roles);
      expect(u.amr).toEqual(staff ? ["pwd", "otp"] : ["pwd"]);
    }
    const text = await readFile(file, "utf8");
    expect(text).toContain("ra-officer@demo.test");
    // The passwords never reach the audit log.
    const dump = JSON.stringify(await db.prisma.auditEvent.findMany());
    for (const a of first ?? []) expect(dump).not.toContain(a.password);
    for (const a of first ?? []) if (a.totpSecret) expect(dump).not.toContain(a.totpSecret);
    expect(text).toContain(first!.find((a) => a.email === "ca-admin@demo.test")!.totpSecret!);
  });

  it("lets a signed-in user change their language and read their own account, and nobody else", async () => {
    const { ctx } = makeCtx(db);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "subscriber@demo.test" } });
    const actor = { userId: user.id, roles: user.roles };
    await expectCode(setPreferredLocale(ctx(), { locale: "en" }), "UNAUTHENTICATED");
    await setPreferredLocale(ctx({ actor }), { locale: "en" });
    const me = await getMyAccount(ctx({ actor }), {});
    expect(me).toMatchObject({ email: "subscriber@demo.test", locale: "en", roles: ["SUBSCRIBER"] });
    await expectCode(getMyAccount(ctx(), {}), "UNAUTHENTICATED");
  });
});
