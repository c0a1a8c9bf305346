import { caOf } from "@/server/ca-service/wire-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAgreementV1, fillDocument } from "@/domain/agreement";
import type { AcceptanceContext, Role } from "@/generated/prisma/client";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { acceptanceCoveringApplication } from "@/server/agreement/acceptance-covering-application";
import { agreementGate } from "@/server/agreement/agreement-gate";
import { agreementVariablesFromEnv } from "@/server/agreement/internal/agreement-variables";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { publishAgreementVersion } from "@/server/agreement/publish-agreement-version";
import { recordPaperAcceptance } from "@/server/agreement/record-paper-acceptance";
import { requireAcceptedAgreement } from "@/server/agreement/require-accepted-agreement";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { openTestDb, type Database } from "../support/test-db";
import { approvedAs } from "../support/approval";

// Issue 15, item 2: one acceptance of the version in force covers every action of its subject.
let db: Database;
const clock = fixedClock(new Date("2026-11-24T02:00:00.000Z"));
const users: Record<string, string> = {};
const ALL: AcceptanceContext[] = ["APPLY", "RENEW", "UPDATE", "DOWNLOAD", "USE"];

async function makeUser(name: string, roles: Role[]) {
  const u = await db.prisma.user.create({ data: { email: `${name}@one-acceptance.test`, passwordHash: "x", roles, emailVerifiedAt: clock.now() } });
  users[name] = u.id;
}
const as = (name: string, roles: Role[] = ["SUBSCRIBER"]): ServiceContext => ({
  db: db.prisma,
  ca: caOf(db.prisma),
  clock,
  actor: { userId: users[name]!, roles },
  meta: { ip: "203.0.113.7", userAgent: "test" },
});
const check = (name: string, context: AcceptanceContext, onBehalfOfOrganisationId?: string) =>
  db.prisma.$transaction((tx) => requireAcceptedAgreement(tx, { userId: users[name]!, context, onBehalfOfOrganisationId, now: clock.now() }));
const current = async () => (await findCurrentAgreementVersion(db.prisma, clock.now()))!;

let orgId: string;
beforeAll(async () => {
  db = await openTestDb();
  await seedDefaultAgreement(db.prisma, clock.now());
  await makeUser("bo", ["SUBSCRIBER"]);
  await makeUser("agentX", ["AGENT"]);
  await makeUser("agentY", ["AGENT"]);
  await makeUser("agentZ", ["AGENT"]);
  await makeUser("admin", ["CA_ADMIN"]);
  orgId = (await db.prisma.organisation.create({ data: { name: "一次接受科技有限公司", unifiedSocialCreditCode: "91350100M000100Y43" } })).id;
  const period = { validFrom: new Date("2026-01-01T00:00:00Z"), validUntil: new Date("2027-12-01T00:00:00Z"), verifiedAt: new Date("2026-01-01T00:00:00Z") };
  await db.prisma.agentAuthorisation.create({ data: { agentUserId: users.agentX!, organisationId: orgId, scope: ["APPLY", "DOWNLOAD"], ...period } });
  await db.prisma.agentAuthorisation.create({ data: { agentUserId: users.agentY!, organisationId: orgId, scope: ["RENEW"], ...period } });
});
afterAll(async () => {
  await db?.close();
});

describe("one acceptance rule", () => {
  it("an acceptance while applying covers renew, update, download and use, and the gate asks nothing more", async () => {
    for (const c of ALL) await expect(check("bo", c)).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED", details: { version: 1, acceptedVersion: null } });
    const gateBefore = await agreementGate(as("bo"), { context: "DOWNLOAD" });
    expect(gateBefore).toMatchObject({ accepted: false, inForce: 1, acceptedVersion: null, standing: { kind: "never-accepted" } });
    const v1 = await current();
    const r = await acceptAgreement(as("bo"), { version: 1, contentHash: v1.contentHash, context: "APPLY", locale: "zh-CN" });
    for (const c of ALL) await expect(check("bo", c)).resolves.toEqual({ acceptanceId: r.acceptanceId, version: 1 });
    for (const c of ["DOWNLOAD", "RENEW", "UPDATE"] as const) await expect(agreementGate(as("bo"), { context: c })).resolves.toMatchObject({ accepted: true });
    // The context stays recorded as evidence of where it was given.
    expect(await db.prisma.agreementAcceptance.findUniqueOrThrow({ where: { id: r.acceptanceId } })).toMatchObject({ context: "APPLY", supersededAt: null });
  });

  it("a later acceptance in another context supersedes the earlier one: one active acceptance per person", async () => {
    const v1 = await current();
    const first = await db.prisma.agreementAcceptance.findFirstOrThrow({ where: { userId: users.bo, supersededAt: null } });
    const second = await acceptAgreement(as("bo"), { version: 1, contentHash: v1.contentHash, context: "DOWNLOAD", locale: "en" });
    expect(second.acceptanceId).not.toBe(first.id);
    const rows = await db.prisma.agreementAcceptance.findMany({ where: { userId: users.bo } });
    expect(rows.filter((x) => x.supersededAt === null).map((x) => x.id)).toEqual([second.acceptanceId]);
    expect(rows.find((x) => x.id === first.id)).toMatchObject({ supersededById: second.acceptanceId, context: "APPLY" });
  });

  it("the organisation's acceptance by agent X covers agent Y acting for it, not Y for themselves nor a non-agent", async () => {
    const v1 = await current();
    await expect(check("agentY", "RENEW", orgId)).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED" });
    // The page is told the same before offering the accept button: not X on a renewal page, X on an application.
    await expect(agreementGate(as("agentX", ["AGENT"]), { context: "RENEW", onBehalfOfOrganisationId: orgId })).resolves.toMatchObject({ accepted: false, mayAccept: false });
    await expect(agreementGate(as("agentX", ["AGENT"]), { context: "APPLY", onBehalfOfOrganisationId: orgId })).resolves.toMatchObject({ accepted: false, mayAccept: true });
    await expect(agreementGate(as("bo"), { context: "APPLY", onBehalfOfOrganisationId: orgId })).resolves.toMatchObject({ accepted: false, mayAccept: false });
    // X may not accept from a renewal page (no RENEW scope): the agent scope check stays.
    await expect(acceptAgreement(as("agentX", ["AGENT"]), { version: 1, contentHash: v1.contentHash, context: "RENEW", locale: "zh-CN", onBehalfOfOrganisationId: orgId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const x = await acceptAgreement(as("agentX", ["AGENT"]), { version: 1, contentHash: v1.contentHash, context: "APPLY", locale: "zh-CN", onBehalfOfOrganisationId: orgId });
    await expect(check("agentY", "RENEW", orgId)).resolves.toEqual({ acceptanceId: x.acceptanceId, version: 1 });
    await expect(agreementGate(as("agentY", ["AGENT"]), { context: "RENEW", onBehalfOfOrganisationId: orgId })).resolves.toMatchObject({ accepted: true });
    await expect(check("agentY", "RENEW")).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED" });
    await expect(check("agentX", "APPLY")).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED" });
    // Y's own acceptance for the organisation then supersedes X's: one active acceptance per organisation.
    const y = await acceptAgreement(as("agentY", ["AGENT"]), { version: 1, contentHash: v1.contentHash, context: "RENEW", locale: "en", onBehalfOfOrganisationId: orgId });
    const active = await db.prisma.agreementAcceptance.findMany({ where: { onBehalfOfOrganisationId: orgId, supersededAt: null } });
    expect(active.map((a) => a.id)).toEqual([y.acceptanceId]);
    expect(await db.prisma.agreementAcceptance.findUniqueOrThrow({ where: { id: x.acceptanceId } })).toMatchObject({ supersededById: y.acceptanceId, userId: users.agentX });
  });

  it("a certificate's contract rests on the acceptance that covered its submission, whatever its context", async () => {
    const renewal = { applicantId: users.agentY!, organisationId: orgId, kind: "RENEW" as const, submittedAt: clock.now(), createdAt: clock.now() };
    const y = await db.prisma.agreementAcceptance.findFirstOrThrow({ where: { onBehalfOfOrganisationId: orgId, supersededAt: null } });
    await expect(acceptanceCoveringApplication(db.prisma, renewal)).resolves.toBe(y.id);
    const own = await db.prisma.agreementAcceptance.findFirstOrThrow({ where: { userId: users.bo, supersededAt: null } });
    await expect(acceptanceCoveringApplication(db.prisma, { applicantId: users.bo!, organisationId: null, kind: "CHANGE", submittedAt: clock.now(), createdAt: clock.now() })).resolves.toBe(own.id);
    await expect(acceptanceCoveringApplication(db.prisma, { applicantId: users.agentZ!, organisationId: null, kind: "NEW", submittedAt: clock.now(), createdAt: clock.now() })).resolves.toBeNull();
  });

  it("a new version in force makes every action ask again, naming the accepted and the new version; one acceptance then covers all", async () => {
    const vars = agreementVariablesFromEnv({});
    const zh = fillDocument(defaultAgreementV1.texts["zh-CN"], vars["zh-CN"]);
    const en = fillDocument(defaultAgreementV1.texts.en, vars.en);
    const v2 = await publishAgreementVersion(approvedAs(as("admin", ["CA_ADMIN"]), "AGREEMENT_PUBLICATION"), {
      texts: { "zh-CN": { ...zh, title: `${zh.title}（修订）` }, en: { ...en, title: `${en.title} (revised)` } },
      effectiveAt: new Date("2026-11-25T00:00:00Z").toISOString(),
      changeSummary: "title",
    });
    await expect(check("bo", "DOWNLOAD")).resolves.toMatchObject({ version: 1 }); // not yet in force
    clock.set(new Date("2026-11-25T00:00:01Z"));
    for (const c of ALL) await expect(check("bo", c)).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED", details: { version: 2, acceptedVersion: 1 } });
    for (const c of ALL) await expect(check("agentY", c, orgId)).rejects.toMatchObject({ details: { version: 2, acceptedVersion: 1 } });
    await expect(agreementGate(as("bo"), { context: "RENEW" })).resolves.toMatchObject({ accepted: false, inForce: 2, acceptedVersion: 1, standing: { kind: "version-changed", accepted: 1, inForce: 2 } });
    await acceptAgreement(as("bo"), { version: 2, contentHash: v2.contentHash, context: "DOWNLOAD", locale: "zh-CN" });
    for (const c of ALL) await expect(check("bo", c)).resolves.toMatchObject({ version: 2 });
    // The organisation's v1 acceptance does not carry over to v2.
    await expect(agreementGate(as("agentY", ["AGENT"]), { context: "RENEW", onBehalfOfOrganisationId: orgId })).resolves.toMatchObject({ accepted: false, acceptedVersion: 1 });
  });

  it("a paper form of an older version, recorded late, does not supersede the subject's acceptance of the newer one", async () => {
    // bo accepted version 2 online (previous test); a form bo signed under version 1 reaches the RA now.
    await makeUser("officer", ["RA_OFFICER"]);
    const online = await db.prisma.agreementAcceptance.findFirstOrThrow({ where: { userId: users.bo!, onBehalfOfOrganisationId: null, supersededAt: null }, include: { version: true } });
    expect(online.version.version).toBe(2);
    const paper = await recordPaperAcceptance(as("officer", ["RA_OFFICER"]), { userId: users.bo!, context: "APPLY", method: "PAPER_SIGNED", signedAt: new Date("2026-11-24T12:00:00Z"), locale: "zh-CN" });
    expect(paper.version).toBe(1);
    expect(await db.prisma.agreementAcceptance.findUniqueOrThrow({ where: { id: online.id } })).toMatchObject({ supersededAt: null, supersededById: null });
    expect(await db.prisma.agreementAcceptance.findUniqueOrThrow({ where: { id: paper.acceptanceId } })).toMatchObject({ supersededAt: clock.now(), supersededById: online.id });
    await expect(check("bo", "DOWNLOAD")).resolves.toEqual({ acceptanceId: online.id, version: 2 });
  });

  it("the database allows one active acceptance per subject whatever the context", async () => {
    const v = await current();
    const row = { versionId: v.id, contentHash: v.contentHash, userId: users.bo!, acceptedAt: clock.now(), method: "ONLINE_CLICK" as const, context: "USE" as const };
    await expect(db.prisma.agreementAcceptance.create({ data: row })).rejects.toThrow();
    await expect(db.prisma.agreementAcceptance.create({ data: { ...row, userId: users.agentZ!, onBehalfOfOrganisationId: orgId } })).rejects.toThrow();
  });
});

describe("the default agreement text (issue 15)", () => {
  it("names the CPS and the privacy policy with one pair of book-title marks, whether or not the configured title has them", () => {
    for (const env of [{}, { AGREEMENT_CPS_NAME_ZH: "《某某CA电子认证业务规则》", AGREEMENT_PRIVACY_POLICY_NAME_ZH: "某某CA隐私政策" }]) {
      const zh = JSON.stringify(fillDocument(defaultAgreementV1.texts["zh-CN"], agreementVariablesFromEnv(env)["zh-CN"]));
      expect(zh).not.toMatch(/《《|》》/);
      expect(zh).toMatch(/《(演示|某某)CA电子认证业务规则》/);
      expect(zh).toMatch(/《(演示|某某)CA(个人信息保护政策|隐私政策)》/);
    }
  });

  it("seeds a text that names the /certificates test page and emphasises only the short list; an existing version 1 is left as it was", async () => {
    const row = await db.prisma.agreementVersion.findFirstOrThrow({ where: { version: 1 }, include: { texts: true } });
    const zh = JSON.parse(row.texts.find((t) => t.locale === "zh-CN")!.body) as { sections: { clauses: { number: string; text: string; limitsLiability: boolean }[] }[] };
    const clauses = zh.sections.flatMap((s) => s.clauses);
    expect(clauses.find((c) => c.number === "1.8")!.text).toMatch(/https?:\/\/[^\s（]+\/certificates（/);
    expect(clauses.filter((c) => c.limitsLiability).map((c) => c.number)).toEqual(["1.3", "1.4", "1.8", "3", "5.1", "5.2", "5.3"]);
    // Seeding again (every start) never rewrites a published version under its readers.
    expect(await seedDefaultAgreement(db.prisma, clock.now(), { AGREEMENT_CA_NAME_ZH: "另一家CA" })).toBe(false);
    expect((await db.prisma.agreementVersion.findFirstOrThrow({ where: { version: 1 } })).contentHash).toBe(row.contentHash);
  });
});
