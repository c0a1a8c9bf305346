import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { mayActForOrganisation } from "@/server/auth/organisation-authority";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { createApplication } from "@/server/application/create-application";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";
import { fixedClock } from "@/server/core/context";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { getAgentAuthorisation } from "@/server/organisation/get-agent-authorisation";
import { getOrganisation } from "@/server/organisation/get-organisation";
import { grantAgentAuthorisation } from "@/server/organisation/grant-agent-authorisation";
import { listMyOrganisations } from "@/server/organisation/list-my-organisations";
import { listPendingAgentAuthorisations } from "@/server/organisation/list-pending-agent-authorisations";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { revokeAgentAuthorisation } from "@/server/organisation/revoke-agent-authorisation";
import { verifyAgentAuthorisation } from "@/server/organisation/verify-agent-authorisation";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { SD, actors, expectCode, pdfBytes, uscc } from "../application/fixtures";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
const clock = fixedClock(new Date("2026-06-01T02:00:00.000Z"));
let A: ReturnType<typeof actors>;
let orgId: string;
const HOUR = 3_600_000;

const grant = (by: string, agent: string, scope: ("APPLY" | "RENEW" | "DOWNLOAD")[] = ["APPLY"], validUntilMs = 90 * 24 * HOUR) =>
  grantAgentAuthorisation(A.as(by), {
    organisationId: orgId,
    agentEmail: `${agent}@example.test`,
    scope,
    validFrom: clock.now().toISOString(),
    validUntil: new Date(clock.now().getTime() + validUntilMs).toISOString(),
    letter: { fileName: "授权委托书.pdf", bytes: pdfBytes(`letter for ${agent}`) },
  });

const mayApply = (agent: string) => db.prisma.$transaction((tx) => mayActForOrganisation(tx, { userId: A.ids[agent]!, organisationId: orgId, scope: "APPLY", now: clock.now() }));
const newOrgApplication = (agent: string) =>
  createApplication(A.as(agent), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, subjectDetails: { ...SD, country: "CN", sealName: "合同章" } });

async function accept(name: string, onBehalfOfOrganisationId?: string) {
  const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
  await acceptAgreement(A.as(name), { version: v.version, contentHash: v.contentHash, context: "APPLY", locale: "zh-CN", onBehalfOfOrganisationId });
}

beforeAll(async () => {
  db = await openTestDb();
  setDocumentKeyRing(makeDocumentKeyRing(randomBytes(32)));
  A = actors(db, clock);
  await seedDefaultAgreement(db.prisma, clock.now(), {});
  await seedCertificateProfiles(db.prisma, clock.now());
  await seedDefaultRegistrationAuthority(db.prisma, clock.now());
  for (const n of ["orgAdmin", "agent", "late", "rejected", "stranger"]) await A.make(n, ["SUBSCRIBER"]);
  await A.make("officer", ["RA_OFFICER"]);
  orgId = (await registerOrganisation(A.as("orgAdmin"), { name: "示例网络科技有限公司", unifiedSocialCreditCode: uscc("91350100MA2Y") })).id;
});
afterAll(async () => {
  setDocumentKeyRing(null);
  await db?.close();
});

describe("an agent acts for the organisation only after an RA officer checked the letter", () => {
  let authorisationId: string;

  it("an admin's grant is in force by its dates but lets the agent do nothing yet", async () => {
    const r = await grant("orgAdmin", "agent");
    authorisationId = r.authorisationId;
    expect(r.verified).toBe(false);
    expect(await mayApply("agent")).toBe(false);
    // Accepting the agreement for the organisation is itself acting for it.
    await expectCode(accept("agent", orgId), "FORBIDDEN");
    await accept("agent");
    await expectCode(newOrgApplication("agent"), "AGENT_AUTHORISATION_NOT_VERIFIED");
    const mine = await listMyOrganisations(A.as("agent"), {});
    expect(mine.agentFor).toEqual([]);
    expect(mine.awaitingCheck).toMatchObject([{ id: orgId, authorisationId, scope: ["APPLY"], verified: false }]);
    // The organisation's admin is not affected by the rule.
    expect(await db.prisma.$transaction((tx) => mayActForOrganisation(tx, { userId: A.ids.orgAdmin!, organisationId: orgId, scope: "APPLY", now: clock.now() }))).toBe(true);
  });

  it("once checked, the same authorisation lets the agent act and lists the organisation", async () => {
    await expectCode(verifyAgentAuthorisation(A.as("orgAdmin"), { authorisationId }), "FORBIDDEN");
    clock.advance(HOUR);
    await verifyAgentAuthorisation(A.as("officer"), { authorisationId });
    expect(await mayApply("agent")).toBe(true);
    await accept("agent", orgId);
    const app = await newOrgApplication("agent");
    expect(app.status).toBe("DRAFT");
    const mine = await listMyOrganisations(A.as("agent"), {});
    expect(mine.agentFor).toMatchObject([{ id: orgId, authorisationId, verified: true }]);
    expect(mine.awaitingCheck).toEqual([]);
    const row = await db.prisma.agentAuthorisation.findUniqueOrThrow({ where: { id: authorisationId } });
    expect(row.verifiedById).toBe(A.ids.officer);
    expect(row.verifiedAt).toEqual(clock.now());
    // The agent is told, once.
    const mail = await db.prisma.notification.findMany({ where: { userId: A.ids.agent, template: "organisation.agent-letter-checked" } });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.payload).toMatchObject({ organisation: "示例网络科技有限公司", validUntil: row.validUntil.toISOString(), path: "/agent" });
  });

  it("a grant by an RA officer counts at once", async () => {
    const r = await grant("officer", "stranger", ["DOWNLOAD"]);
    expect(r.verified).toBe(true);
    expect(await db.prisma.$transaction((tx) => mayActForOrganisation(tx, { userId: A.ids.stranger!, organisationId: orgId, scope: "DOWNLOAD", now: clock.now() }))).toBe(true);
  });
});

describe("the RA officers' queue of letters to check", () => {
  it("lists unchecked, unrevoked, unexpired authorisations oldest first with their age; officers only", async () => {
    const first = await grant("orgAdmin", "late", ["RENEW"], 2 * HOUR);
    clock.advance(30 * 60_000);
    const second = await grant("orgAdmin", "rejected");
    clock.advance(30 * 60_000);
    await expectCode(listPendingAgentAuthorisations(A.as("orgAdmin"), {}), "FORBIDDEN");
    const queue = await listPendingAgentAuthorisations(A.as("officer"), {});
    expect(queue.map((q) => q.id)).toEqual([first.authorisationId, second.authorisationId]);
    expect(queue[0]).toMatchObject({ waitingMs: HOUR, scope: ["RENEW"], organisation: { id: orgId }, agent: { email: "late@example.test" } });
    expect(queue[1]!.waitingMs).toBe(30 * 60_000);

    const detail = await getAgentAuthorisation(A.as("officer"), { authorisationId: second.authorisationId });
    expect(detail).toMatchObject({ state: "AWAITING_CHECK", organisation: { name: "示例网络科技有限公司" }, letterDocument: { id: second.letterDocumentId, sniffedType: "application/pdf", owner: { email: "orgAdmin@example.test" } } });
    await expectCode(getAgentAuthorisation(A.as("orgAdmin"), { authorisationId: second.authorisationId }), "FORBIDDEN");

    // Rejecting the letter revokes the authorisation with the officer's reason; it leaves the queue.
    await revokeAgentAuthorisation(A.as("officer"), { authorisationId: second.authorisationId, reason: "委托书未加盖公章" });
    expect((await getAgentAuthorisation(A.as("officer"), { authorisationId: second.authorisationId })).state).toBe("REVOKED");
    // The officer withdrew an unchecked authorisation: the agent hears the letter was not accepted.
    const rejectedMail = await db.prisma.notification.findMany({ where: { userId: A.ids.rejected, template: "organisation.agent-letter-rejected" } });
    expect(rejectedMail.map((n) => n.payload)).toEqual([{ organisation: "示例网络科技有限公司", reason: "委托书未加盖公章", path: "/organisations" }]);
    expect(await db.prisma.auditEvent.count({ where: { action: "organisation.agent-letter-rejected", subjectId: second.authorisationId } })).toBe(1);
    await expectCode(verifyAgentAuthorisation(A.as("officer"), { authorisationId: second.authorisationId }), "AGENT_AUTHORISATION_ALREADY_REVOKED");
    // One whose validity has ended cannot be used any more: nothing to check.
    clock.advance(HOUR);
    expect((await listPendingAgentAuthorisations(A.as("officer"), {})).map((q) => q.id)).toEqual([]);
  });

  it("shows the organisation and its members to those who manage it", async () => {
    const org = await getOrganisation(A.as("orgAdmin"), { organisationId: orgId });
    expect(org).toMatchObject({ managedAs: "ADMIN", members: [{ role: "ADMIN", user: { email: "orgAdmin@example.test" } }] });
    expect((await getOrganisation(A.as("officer"), { organisationId: orgId })).managedAs).toBe("RA_OFFICER");
    await expectCode(getOrganisation(A.as("agent"), { organisationId: orgId }), "FORBIDDEN");
  });

  it("an anonymised organisation is listed to nobody, members and agents alike", async () => {
    const before = await listMyOrganisations(A.as("agent"), {});
    expect(before.agentFor.map((o) => o.id)).toContain(orgId);
    expect((await listMyOrganisations(A.as("orgAdmin"), {})).memberships.map((o) => o.id)).toContain(orgId);
    await db.prisma.organisation.update({ where: { id: orgId }, data: { anonymisedAt: clock.now() } });
    try {
      expect((await listMyOrganisations(A.as("agent"), {})).agentFor.map((o) => o.id)).not.toContain(orgId);
      expect((await listMyOrganisations(A.as("orgAdmin"), {})).memberships.map((o) => o.id)).not.toContain(orgId);
    } finally {
      await db.prisma.organisation.update({ where: { id: orgId }, data: { anonymisedAt: null } });
    }
  });
});

describe("separation of duties in the letter check", () => {
  it("no officer grants an authorisation to themselves, nor checks a letter that names them; a staff account is authorised by a CA administrator only", async () => {
    await A.make("officeragent", ["RA_OFFICER", "SUBSCRIBER"]);
    await A.make("caAdmin", ["CA_ADMIN"]);
    await expectCode(grant("officeragent", "officeragent"), "CONFLICT_OF_INTEREST");
    await expectCode(grant("orgAdmin", "officeragent"), "STAFF_ACCOUNT_ADMIN_ONLY");
    // A CA administrator's grant still waits for an officer's check of the letter (four eyes).
    const r = await grant("caAdmin", "officeragent");
    expect(r.verified).toBe(false);
    await expectCode(verifyAgentAuthorisation(A.as("officeragent"), { authorisationId: r.authorisationId }), "CONFLICT_OF_INTEREST");
    expect((await db.prisma.agentAuthorisation.findUniqueOrThrow({ where: { id: r.authorisationId } })).verifiedAt).toBeNull();
    await verifyAgentAuthorisation(A.as("officer"), { authorisationId: r.authorisationId });
    expect((await db.prisma.agentAuthorisation.findUniqueOrThrow({ where: { id: r.authorisationId } })).verifiedById).toBe(A.ids.officer);
  });

  it("an expired authorisation has nothing left to check", async () => {
    const r = await grant("orgAdmin", "late", ["DOWNLOAD"], HOUR);
    clock.advance(2 * HOUR);
    await expectCode(verifyAgentAuthorisation(A.as("officer"), { authorisationId: r.authorisationId }), "AGENT_AUTHORISATION_EXPIRED");
  });
});
