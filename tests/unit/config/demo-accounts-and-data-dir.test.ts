import { mkdtemp, mkdir, chmod, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ensurePrivateDir } from "@/config/private-dir";
import { ConfigurationError, readSettings } from "@/config/settings";
import { demoUsers } from "@/server/bootstrap/demo-accounts";

const STAFF = ["RA_OFFICER", "CA_ADMIN", "AUDITOR"];
const PG = "postgresql://u:p@db.example:5432/portal";

describe("DEMO_ACCOUNTS (issue 12)", () => {
  it("the embedded default creates every role's demo account; DEMO_ACCOUNTS=0 none at all", () => {
    expect(readSettings({}).demoAccounts).toBe("all");
    expect(readSettings({ DEMO_ACCOUNTS: "1" }).demoAccounts).toBe("all");
    expect(readSettings({ DEMO_ACCOUNTS: "0" }).demoAccounts).toBe("none");
  });

  it("PostgreSQL never gets staff demo accounts: none by default, customers only with DEMO_ACCOUNTS=1", () => {
    expect(readSettings({ DATABASE_URL: PG }).demoAccounts).toBe("none");
    expect(readSettings({ DATABASE_URL: PG, DEMO_ACCOUNTS: "0" }).demoAccounts).toBe("none");
    expect(readSettings({ DATABASE_URL: PG, DEMO_ACCOUNTS: "1" }).demoAccounts).toBe("customers");
    const customers = demoUsers("customers");
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.flatMap((u) => u.roles).filter((r) => STAFF.includes(r))).toEqual([]);
    expect(demoUsers("all").flatMap((u) => u.roles)).toEqual(expect.arrayContaining(STAFF));
  });

  it("refuses anything but 0 or 1", () => {
    for (const v of ["yes", "2", "true", ""]) {
      try {
        readSettings({ DEMO_ACCOUNTS: v });
        if (v !== "") throw new Error(`accepted ${v}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigurationError);
        expect((e as ConfigurationError).problems.join(" ")).toContain("DEMO_ACCOUNTS");
      }
    }
  });
});

describe("DATA_DIR and the secrets in it are private (0700 / 0600)", () => {
  let root: string;
  const mode = async (p: string) => (await stat(p)).mode & 0o777;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "private-dir-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("creates the folder (and missing parents) 0700 whatever the umask, and tightens an existing one", async () => {
    const old = process.umask(0o000);
    try {
      const dir = path.join(root, "new", "data");
      await ensurePrivateDir(dir);
      expect(await mode(dir)).toBe(0o700);
      expect(await mode(path.join(root, "new"))).toBe(0o700);
    } finally {
      process.umask(old);
    }
    const existing = path.join(root, "old-data");
    await mkdir(existing);
    await chmod(existing, 0o755);
    await ensurePrivateDir(existing);
    expect(await mode(existing)).toBe(0o700);
  });

  it("the generated auth secret: folder 0700, file 0600", async () => {
    const dataDir = path.join(root, "embedded");
    vi.resetModules();
    vi.stubEnv("AUTH_SECRET", "");
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("DATA_DIR", dataDir);
    const { authSecret } = await import("@/server/core/auth-secret");
    expect((await authSecret()).length).toBeGreaterThanOrEqual(32);
    expect(await mode(dataDir)).toBe(0o700);
    expect(await readdir(dataDir)).toContain("auth-secret");
    expect(await mode(path.join(dataDir, "auth-secret"))).toBe(0o600);
  });
});
