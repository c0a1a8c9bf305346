import { caOf } from "@/server/ca-service/wire-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAgreementV1, fillDocument } from "@/domain/agreement";
import type { Role } from "@/generated/prisma/client";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { agreementVariablesFromEnv } from "@/server/agreement/internal/agreement-variables";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { publishAgreementVersion } from "@/server/agreement/publish-agreement-version";
import { recordPaperAcceptance } from "@/server/agreement/record-paper-acceptance";
import { requireAcceptedAgreement } from "@/server/agreement/require-accepted-agreement";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { verifyAuditChain } from "@/server/core/audit";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { openTestDb, type Database } from "../support/test-db";
import { approvedAs } from "../support/approval";

let db: Database;
const clock = fixedClock(new Date("2026-11-24T02:00:00.000Z"));
const users: Record<string, string> = {};

async function makeUser(name: string, roles: Role[]) {
  const u = await db.prisma.user.create({
    data: { email: `${name}@example.test`, passwordHash: "x", roles, emailVerifiedAt: clock.now() },
  });
  users[name] = u.id;
  return u.id;
}
const as = (name: string, roles: Role[]): ServiceContext => ({
  db: db.prisma,
  ca: caOf(db.prisma),
  clock,
  actor: { userId: users[name]!, roles },
  meta: { ip: "203.0.113.9", userAgent: "Mozilla/5.0 test" },
});
const check = (userId: string, context: "APPLY" | "RENEW" | "DOWNLOAD", onBehalfOfOrganisationId?: string) =>
  db.prisma.$transaction((tx) => requireAcceptedAgreement(tx, { userId, context, onBehalfOfOrganisationId, now: clock.now() }));

let orgId: string;
beforeAll(async () => {
  db = await openTestDb();
  await makeUser("alice", ["SUBSCRIBER"]);
  await makeUser("agent", ["AGENT"]);
  await makeUser("officer", ["RA_OFFICER"]);
  await makeUser("admin", ["CA_ADMIN"]);
  const org = await db.prisma.organisation.create({ data: { name: "示例科技有限公司", unifiedSocialCreditCode: "91350100M000100Y43" } });
  orgId = org.id;
  await db.prisma.agentAuthorisation.create({
    data: {
      agentUserId: users.agent!,
      organisationId: orgId,
      scope: ["RENEW", "DOWNLOAD"],
      validFrom: new Date("2026-01-01T00:00:00Z"),
      validUntil: new Date("2026-12-01T00:00:00Z"),
      verifiedAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
});
afterAll(async () => {
  await db?.close();
});

describe("agreement versions and acceptance", () => {
  it("seeds the default agreement once, as version 1 in both languages, with the CA's details filled in", async () => {
    expect(await seedDefaultAgreement(db.prisma, clock.now())).toBe(true);
    expect(await seedDefaultAgreement(db.prisma, clock.now())).toBe(false);
    const versions = await db.prisma.agreementVersion.findMany({ include: { texts: true } });
    expect(versions).toHaveLength(1);
    expect(versions[0]!.version).toBe(1);
    expect(versions[0]!.texts.map((t) => t.locale).sort()).toEqual(["en", "zh-CN"]);
    const zh = versions[0]!.texts.find((t) => t.locale === "zh-CN")!;
    expect(zh.body).not.toContain("{{");
    expect(zh.body).toContain(agreementVariablesFromEnv({})["zh-CN"].caName);
    expect(versions[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses apply until the current version is accepted, then records who, when, how, from where", async () => {
    await expect(check(users.alice!, "APPLY")).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED", details: { version: 1 } });
    const v1 = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
    const r = await acceptAgreement(as("alice", ["SUBSCRIBER"]), { version: 1, contentHash: v1.contentHash, context: "APPLY", locale: "zh-CN" });
    expect(r.version).toBe(1);
    await expect(check(users.alice!, "APPLY")).resolves.toMatchObject({ version: 1 });
    // One acceptance rule: accepted while applying, it covers download too (the context is evidence only).
    await expect(check(users.alice!, "DOWNLOAD")).resolves.toMatchObject({ version: 1 });
    const row = await db.prisma.agreementAcceptance.findUniqueOrThrow({ where: { id: r.acceptanceId } });
    expect(row).toMatchObject({
      userId: users.alice,
      method: "ONLINE_CLICK",
      context: "APPLY",
      contentHash: v1.contentHash,
      ip: "203.0.113.9",
      userAgent: "Mozilla/5.0 test",
      onBehalfOfOrganisationId: null,
      supersededAt: null,
    });
  });

  it("refuses an acceptance of a text other than the current one", async () => {
    await expect(
      acceptAgreement(as("alice", ["SUBSCRIBER"]), { version: 1, contentHash: "0".repeat(64), context: "RENEW", locale: "en" }),
    ).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED" });
  });

  it("lets only a CA administrator publish; a new version makes earlier acceptances insufficient (7.5)", async () => {
    const vars = agreementVariablesFromEnv({});
    const zh = fillDocument(defaultAgreementV1.texts["zh-CN"], vars["zh-CN"]);
    const en = fillDocument(defaultAgreementV1.texts.en, vars.en);
    const texts = {
      "zh-CN": { ...zh, title: `${zh.title}（2026年修订）` },
      en: { ...en, title: `${en.title} (2026 revision)` },
    };
    const input = { texts, effectiveAt: new Date("2026-11-25T00:00:00Z").toISOString(), changeSummary: "title" };
    await expect(publishAgreementVersion(as("officer", ["RA_OFFICER"]), input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const v2 = await publishAgreementVersion(approvedAs(as("admin", ["CA_ADMIN"]), "AGREEMENT_PUBLICATION"), input);
    expect(v2.version).toBe(2);
    // Not effective yet: the v1 acceptance still suffices.
    await expect(check(users.alice!, "APPLY")).resolves.toMatchObject({ version: 1 });
    clock.set(new Date("2026-11-25T00:00:01Z"));
    await expect(check(users.alice!, "APPLY")).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED", details: { version: 2 } });
    const r = await acceptAgreement(as("alice", ["SUBSCRIBER"]), { version: 2, contentHash: v2.contentHash, context: "APPLY", locale: "en" });
    await expect(check(users.alice!, "APPLY")).resolves.toMatchObject({ version: 2 });
    const rows = await db.prisma.agreementAcceptance.findMany({ where: { userId: users.alice, context: "APPLY" }, orderBy: { acceptedAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ supersededById: r.acceptanceId });
    expect(rows[0]!.supersededAt).not.toBeNull();
    expect(rows[1]!.supersededAt).toBeNull();
  });

  it("refuses a template with unfilled placeholders and a version effective in the past", async () => {
    const input = { texts: defaultAgreementV1.texts, effectiveAt: clock.now().toISOString() };
    await expect(publishAgreementVersion(approvedAs(as("admin", ["CA_ADMIN"]), "AGREEMENT_PUBLICATION"), input)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("lets an agent accept for an organisation only within the authorisation's scope", async () => {
    const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
    const base = { version: v.version, contentHash: v.contentHash, locale: "zh-CN" as const, onBehalfOfOrganisationId: orgId };
    await expect(acceptAgreement(as("agent", ["AGENT"]), { ...base, context: "APPLY" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await acceptAgreement(as("agent", ["AGENT"]), { ...base, context: "RENEW" });
    await expect(check(users.agent!, "RENEW", orgId)).resolves.toMatchObject({ version: v.version });
    // Accepting for the organisation is not accepting for oneself.
    await expect(check(users.agent!, "RENEW")).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED" });
    // After the authorisation expires, the agent can no longer accept for the organisation.
    clock.set(new Date("2026-12-01T00:00:00Z"));
    await expect(acceptAgreement(as("agent", ["AGENT"]), { ...base, context: "RENEW" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("records a paper acceptance by an RA officer only", async () => {
    const input = { userId: users.alice!, context: "DOWNLOAD" as const, method: "PAPER_SIGNED" as const, signedAt: new Date("2026-11-25T00:00:01Z").toISOString(), locale: "zh-CN" as const };
    await expect(recordPaperAcceptance(as("alice", ["SUBSCRIBER"]), input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r = await recordPaperAcceptance(as("officer", ["RA_OFFICER"]), input);
    const row = await db.prisma.agreementAcceptance.findUniqueOrThrow({ where: { id: r.acceptanceId } });
    expect(row).toMatchObject({ method: "PAPER_SIGNED", recordedById: users.officer, context: "DOWNLOAD" });
    await expect(check(users.alice!, "DOWNLOAD")).resolves.toMatchObject({ version: 2 });
  });

  it("gives one winner when the same acceptance is clicked twice at once, and keeps the audit chain whole", async () => {
    const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
    const input = { version: v.version, contentHash: v.contentHash, context: "UPDATE" as const, locale: "zh-CN" as const };
    const results = await Promise.allSettled([
      acceptAgreement(as("alice", ["SUBSCRIBER"]), input),
      acceptAgreement(as("alice", ["SUBSCRIBER"]), input),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.agreementAcceptance.count({ where: { userId: users.alice, context: "UPDATE", supersededAt: null } })).toBe(1);
    await expect(verifyAuditChain(db.prisma)).resolves.toMatchObject({ ok: true });
  });
});
