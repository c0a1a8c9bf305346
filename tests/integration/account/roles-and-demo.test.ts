import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { DEMO_ACCOUNTS_FILE, ensureDemoAccounts } from "@/server/bootstrap/demo-accounts";
import { signInWithPassword } from "@/server/account/sign-in";
import { setPreferredLocale } from "@/server/account/set-preferred-locale";
import { getMyAccount } from "@/server/account/get-my-account";
import { expectCode, makeCtx } from "./helpers";

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openTestDb();
  dir = await mkdtemp(path.join(os.tmpdir(), "demo-accounts-"));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("demo accounts", () => {
  it("creates verified accounts for every role once, keeps their passwords in a 0600 file, and they can sign in", async () => {
    const { ctx } = makeCtx(db);
    const first = await ensureDemoAccounts(ctx(), dir);
    expect(first?.map((a) => a.roles.join("+")).sort()).toEqual(["AUDITOR", "CA_ADMIN", "RA_OFFICER", "SUBSCRIBER", "SUBSCRIBER+AGENT"]);
    const file = path.join(dir, DEMO_ACCOUNTS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // Second start: same accounts and passwords, nothing new created.
    const second = await ensureDemoAccounts(ctx(), dir);
    expect(second).toEqual(first);
    expect(await db.prisma.user.count()).toBe(5);

    for (const a of first ?? []) {
      const u = await signInWithPassword(ctx(), { email: a.email, password: a.password });
      expect(u.roles).toEqual(a.roles);
    }
    const text = await readFile(file, "utf8");
    expect(text).toContain("ra-officer@demo.test");
    // The passwords never reach the audit log.
    const dump = JSON.stringify(await db.prisma.auditEvent.findMany());
    for (const a of first ?? []) expect(dump).not.toContain(a.password);
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
