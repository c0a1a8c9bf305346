// Issue 15: a fresh start has an organisation the demo agent may act for, with a certificate the
// agent can renew at once; and the RA list counts the demo officer, who works for every RA.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROFILES } from "@/ca/issuance/profiles";
import { ensureDemoAccounts } from "@/server/bootstrap/demo-accounts";
import { DEMO_ORGANISATION, ensureDemoOrganisation } from "@/server/bootstrap/internal/demo-organisation";
import { seedReferenceData } from "@/server/bootstrap/internal/reference-data";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { wireContext } from "@/server/ca-service/wire-context";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { listMyOrganisationApplications } from "@/server/application/list-my-organisation-applications";
import { listOrganisationCertificates } from "@/server/certificate/list-organisation-certificates";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { listProfilesForAdmin } from "@/server/application/list-profiles-for-admin";
import { registrationAuthorities } from "@/server/ra/list-registration-authorities";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
let dir: string;
const clock = fixedClock(new Date("2026-12-03T02:00:00Z"));

async function as(email: string): Promise<ServiceContext> {
  const u = await db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, roles: true } });
  return wireContext({ db: db.prisma, clock, actor: { userId: u.id, roles: u.roles, secondFactor: true }, meta: {} });
}

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", "demo organisation test auth secret, thirty-two characters or more");
  db = await openTestDb();
  dir = await mkdtemp(path.join(os.tmpdir(), "demo-org-"));
  await seedReferenceData(db, clock);
  await ensureCaHierarchy(db.prisma, { dataDir: dir, baseUrl: "http://pki.test.example", embeddedDefault: true, families: ["ec"], crlShards: 1, clock });
  await ensureDemoAccounts(wireContext({ db: db.prisma, clock, actor: null, meta: {} }), dir);
}, 120_000);
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the demo organisation", () => {
  it("is verified, has the demo agent authorised, and a certificate the agent can renew now", async () => {
    const made = await ensureDemoOrganisation(db.prisma, clock);
    expect(made.created).toBe(true);
    const org = await db.prisma.organisation.findUniqueOrThrow({ where: { unifiedSocialCreditCode: DEMO_ORGANISATION.unifiedSocialCreditCode }, include: { members: { include: { user: true } } } });
    expect(org.members.map((m) => [m.user.email, m.role])).toEqual([["org-admin@demo.test", "ADMIN"]]);
    const auth = await db.prisma.agentAuthorisation.findFirstOrThrow({ where: { organisationId: org.id }, include: { agent: true } });
    expect(auth.agent.email).toBe("agent@demo.test");
    expect([...auth.scope].sort()).toEqual(["APPLY", "DOWNLOAD", "RENEW", "TEST"]);
    // Checked by the officer (the letter), and the licence with the first application's approval.
    expect(auth.verifiedAt).not.toBeNull();
    const app = await db.prisma.application.findFirstOrThrow({ where: { organisationId: org.id } });
    expect(app).toMatchObject({ status: "ISSUED", applicantId: auth.agentUserId, agentAuthorisationId: auth.id });
    // The person named in the certificate was verified by the officer's approval: the RA page says "已核验".
    const identity = await db.prisma.subscriberIdentity.findUniqueOrThrow({ where: { id: app.subscriberIdentityId! } });
    expect(identity).toMatchObject({ legalName: "李经办", organisationId: org.id });
    expect(identity.verifiedAt).not.toBeNull();

    const agent = await as("agent@demo.test");
    const listed = await listOrganisationCertificates(agent, {});
    expect(JSON.stringify(listed)).toContain(made.certificateId!);
    const cert = await getMyCertificate(agent, { certificateId: made.certificateId! });
    expect(cert.can.renew).toMatchObject({ ok: true });
    expect(cert.can.accept.ok).toBe(false); // already accepted
  });

  it("is made once: a second start changes nothing", async () => {
    const before = await db.prisma.auditEvent.count();
    expect(await ensureDemoOrganisation(db.prisma, clock)).toEqual({ created: false });
    expect(await db.prisma.organisation.count()).toBe(1);
    expect(await db.prisma.certificate.count()).toBe(1);
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });
});

describe("the dashboard's applications for organisations", () => {
  it("lists the agent's application for the organisation, named, and nothing for another subscriber", async () => {
    const mine = await listMyOrganisationApplications(await as("agent@demo.test"), {});
    expect(mine.map((a) => [a.status, a.organisation?.name])).toEqual([["ISSUED", DEMO_ORGANISATION.name]]);
    expect(await listMyOrganisationApplications(await as("subscriber@demo.test"), {})).toEqual([]);
    // The organisation's administrator made none of them himself.
    expect(await listMyOrganisationApplications(await as("org-admin@demo.test"), {})).toEqual([]);
  });
});

describe("the registration-authority list", () => {
  it("counts an officer who works for every RA under each active RA", async () => {
    const admin = await as("ca-admin@demo.test");
    const ras = await registrationAuthorities(admin, {});
    const head = ras.find((r) => r.status === "ACTIVE")!;
    // The demo officer has no RA of their own: they review every RA's applications.
    expect(head).toMatchObject({ officers: 1, officersEveryRa: 1 });
  });
});

describe("the profiles page's issuing CA", () => {
  it("names the issuing CA of each key family the profile allows, not '—'", async () => {
    const profiles = await listProfilesForAdmin(await as("ca-admin@demo.test"), {});
    expect(profiles.length).toBeGreaterThan(0);
    // This hierarchy has only the ECDSA issuing CA: every international profile allows P-256 keys and names it;
    // the SM2 profiles take SM2 keys only, and no CA here issues them.
    for (const p of profiles) {
      const expected = PROFILES[p.code]!.family === "sm2" ? [] : [["issuing-ec", "EC-P256"]];
      expect(p.issuers.map((i) => [i.name, i.algorithm])).toEqual(expected);
    }
    expect(profiles.some((p) => PROFILES[p.code]!.family === "sm2")).toBe(true);
  });
});
