import { randomBytes } from "node:crypto";
import { chmod, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { Role } from "@/generated/prisma/enums";
import { type ServiceContext, defineUseCase } from "@/server/core";
import { hashPassword } from "@/server/account";
import { isStaffAccount, needsSecondFactor } from "@/server/auth";
import { enrolTotpSecret, newTotpSecret } from "@/server/second-factor";

/** The AppSetting that says the demo accounts were created once; they are never created again. */
export const DEMO_SEEDED_KEY = "demo.seeded";
export const DEMO_ACCOUNTS_FILE = "demo-accounts.txt";

export interface DemoAccount {
  email: string;
  password: string;
  roles: Role[];
  displayName: string;
  /**
   * Staff accounts need a second factor: theirs is enrolled with this TOTP secret (base32), printed
   * beside the password so a person can add it to an authenticator app. Empty for the others.
   */
  totpSecret?: string;
}

const DEMO_USERS: Omit<DemoAccount, "password">[] = [
  { email: "subscriber@demo.test", roles: ["SUBSCRIBER"], displayName: "Demo Subscriber" },
  { email: "agent@demo.test", roles: ["SUBSCRIBER", "AGENT"], displayName: "Demo Agent" },
  // The demo organisation's administrator (internal/demo-organisation.ts): registered it, may add members and agents.
  { email: "org-admin@demo.test", roles: ["SUBSCRIBER"], displayName: "Demo Organisation Admin" },
  { email: "ra-officer@demo.test", roles: ["RA_OFFICER"], displayName: "Demo RA Officer" },
  { email: "ca-admin@demo.test", roles: ["CA_ADMIN"], displayName: "Demo CA Admin" },
  // Dual control: a high-impact action one administrator asks for waits for another's approval.
  { email: "ca-admin2@demo.test", roles: ["CA_ADMIN"], displayName: "Demo CA Admin 2" },
  { email: "auditor@demo.test", roles: ["AUDITOR"], displayName: "Demo Auditor" },
];

/**
 * The demo users of a scope: "customers" leaves out every staff account (staff demo accounts exist
 * only on the embedded default: settings.demoAccounts).
 */
export function demoUsers(scope: "all" | "customers"): Omit<DemoAccount, "password">[] {
  return scope === "all" ? DEMO_USERS : DEMO_USERS.filter((u) => !isStaffAccount(u));
}

function newDemoPassword(): string {
  // 96 random bits; base64url keeps it easy to copy from a terminal.
  return randomBytes(12).toString("base64url");
}

const createDemoAccounts = defineUseCase({
  name: "system.create-demo-accounts",
  input: z.object({ accounts: z.array(z.object({ email: z.string(), password: z.string(), roles: z.array(z.enum(Role)), displayName: z.string(), totpSecret: z.string().optional() })) }),
  authorize: "public",
  async run(s, input): Promise<{ created: boolean }> {
    // Taken inside the transaction: two instances starting together create the accounts once.
    await s.tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x6465_6d6f})`);
    const seeded = await s.tx.appSetting.findUnique({ where: { key: DEMO_SEEDED_KEY } });
    const audit = (created: boolean) =>
      s.audit({ action: "system.demo-accounts", subjectType: "AppSetting", subjectId: DEMO_SEEDED_KEY, actorId: null, actorRoles: [], summary: { created, roles: input.accounts.map((a) => a.roles) } });
    if (seeded) {
      audit(false);
      return { created: false };
    }
    for (const a of input.accounts) {
      const user = await s.tx.user.upsert({
        where: { email: a.email },
        create: { email: a.email, passwordHash: await hashPassword(a.password), roles: a.roles, displayName: a.displayName, emailVerifiedAt: s.now, locale: "zh-CN" },
        update: {},
      });
      if (a.totpSecret) await enrolTotpSecret(s.tx, user.id, a.totpSecret, s.now);
    }
    await s.tx.appSetting.create({ data: { key: DEMO_SEEDED_KEY, value: { at: s.now.toISOString(), emails: input.accounts.map((a) => a.email) } } });
    audit(true);
    return { created: true };
  },
});

/**
 * Creates verified demo accounts, once per database: every role (`scope` "all", the embedded
 * default only) or the customer roles only ("customers"); start-up decides from settings.demoAccounts. The passwords are random and written, before the accounts exist, to a
 * 0600 file in the data folder, so they can be printed at every start and never get lost.
 */
export async function ensureDemoAccounts(ctx: ServiceContext, dir: string, scope: "all" | "customers" = "all"): Promise<DemoAccount[] | null> {
  const file = path.join(dir, DEMO_ACCOUNTS_FILE);
  const pending = `${file}.pending`;
  const seeded = await ctx.db.appSetting.findUnique({ where: { key: DEMO_SEEDED_KEY } });
  if (!seeded) {
    const accounts = demoUsers(scope).map((u) => ({ ...u, password: newDemoPassword(), ...(needsSecondFactor(u) ? { totpSecret: newTotpSecret() } : {}) }));
    await writeFile(pending, formatDemoAccounts(accounts), { mode: 0o600 });
    const { created } = await createDemoAccounts(ctx, { accounts });
    if (created) await rename(pending, file);
    else await rm(pending, { force: true });
  } else {
    // A crash between the commit and the rename leaves the passwords in the pending file.
    await rename(pending, file).catch(() => undefined);
  }
  return readDemoAccounts(file);
}

export async function readDemoAccounts(file: string): Promise<DemoAccount[] | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return null;
  }
  await chmod(file, 0o600).catch(() => undefined);
  return parseDemoAccounts(text);
}

/** One account per line: email, password, roles (comma separated), name, TOTP secret (staff); columns split by tabs. */
export function formatDemoAccounts(accounts: DemoAccount[]): string {
  return [
    "# Demo accounts of this embedded installation (created on its first start).",
    "# Staff accounts need a second factor: add the TOTP secret (last column) to an authenticator app.",
    "# email\tpassword\troles\tname\ttotp secret",
    ...accounts.map((a) => [a.email, a.password, a.roles.join(","), a.displayName, a.totpSecret ?? ""].join("\t")),
    "",
  ].join("\n");
}

export function parseDemoAccounts(text: string): DemoAccount[] {
  return text
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => {
      const [email = "", password = "", roles = "", displayName = "", totpSecret = ""] = l.split("\t");
      return { email, password, roles: roles.split(",").filter(Boolean) as Role[], displayName, ...(totpSecret ? { totpSecret } : {}) };
    });
}
