import { caOf } from "@/server/ca-service/wire-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "@/server/account/sign-up";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { enterCessation } from "@/server/privacy/enter-cessation";
import { openTestDb, type Database } from "../support/test-db";
import { approvedAs } from "../support/approval";

let db: Database;
let adminId: string;
let subscriberId: string;
const clock = fixedClock(new Date("2026-11-24T02:00:00Z"));
const ctx = (userId: string | null, roles: ("CA_ADMIN" | "SUBSCRIBER")[] = []): ServiceContext => ({
  db: db.prisma,
  ca: caOf(db.prisma),
  clock,
  actor: userId ? { userId, roles } : null,
  meta: {},
});

beforeAll(async () => {
  db = await openTestDb();
  adminId = (await db.prisma.user.create({ data: { email: "admin@example.test", passwordHash: "x", roles: ["CA_ADMIN"] } })).id;
  subscriberId = (await db.prisma.user.create({ data: { email: "s@example.test", passwordHash: "x", roles: ["SUBSCRIBER"], emailVerifiedAt: clock.now() } })).id;
});
afterAll(async () => {
  await db?.close();
});

describe("cessation mode stops new collection", () => {
  it("allows sign-up before, refuses sign-up and organisation registration after the switch", async () => {
    await expect(signUp(ctx(null), { email: "before@example.test", password: "a long password 1" })).resolves.toBeDefined();
    await enterCessation(approvedAs(ctx(adminId, ["CA_ADMIN"]), "CESSATION_ON"), { confirm: true, successor: "Successor CA" });
    await expect(signUp(ctx(null), { email: "after@example.test", password: "a long password 1" })).rejects.toMatchObject({ code: "CESSATION_IN_EFFECT" });
    await expect(
      registerOrganisation(ctx(subscriberId, ["SUBSCRIBER"]), { name: "示例科技有限公司", unifiedSocialCreditCode: "91350100M000100Y43" }),
    ).rejects.toMatchObject({ code: "CESSATION_IN_EFFECT" });
    expect(await db.prisma.user.count({ where: { email: "after@example.test" } })).toBe(0);
    expect(await db.prisma.organisation.count()).toBe(0);
  });
});
