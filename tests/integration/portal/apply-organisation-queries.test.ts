// The wizard's reads for an organisation application: who may apply for which organisation (the
// rule create-application enforces), the organisation profiles in kind order, and the documents
// listed up front, which must cover everything submission requires of an organisation.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { attachDocument } from "@/server/application/attach-document";
import { createApplication } from "@/server/application/create-application";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";
import { submitApplication } from "@/server/application/submit-application";
import { fixedClock } from "@/server/core/context";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { addOrganisationMember } from "@/server/organisation/add-organisation-member";
import { grantAgentAuthorisation } from "@/server/organisation/grant-agent-authorisation";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { verifyAgentAuthorisation } from "@/server/organisation/verify-agent-authorisation";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { listApplyOrganisations } from "@/server/organisation/list-apply-organisations";
import { listProfiles } from "@/server/application/list-profiles";
import { ALL_DECLARATIONS, SD, actors, pdfBytes, pngBytes, uscc } from "../application/fixtures";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
const clock = fixedClock(new Date("2026-06-01T02:00:00.000Z"));
let A: ReturnType<typeof actors>;
let orgId: string;
const DAY = 24 * 3_600_000;

const grant = (agent: string, scope: ("APPLY" | "RENEW")[]) =>
  grantAgentAuthorisation(A.as("orgAdmin"), {
    organisationId: orgId,
    agentEmail: `${agent}@example.test`,
    scope,
    validFrom: clock.now().toISOString(),
    validUntil: new Date(clock.now().getTime() + 90 * DAY).toISOString(),
    letter: { fileName: "授权委托书.pdf", bytes: pdfBytes(`letter for ${agent}`) },
  });

beforeAll(async () => {
  db = await openTestDb();
  setDocumentKeyRing(makeDocumentKeyRing(randomBytes(32)));
  A = actors(db, clock);
  await seedDefaultAgreement(db.prisma, clock.now(), {});
  await seedCertificateProfiles(db.prisma, clock.now());
  await seedDefaultRegistrationAuthority(db.prisma, clock.now());
  for (const n of ["orgAdmin", "agent", "unchecked", "renewer", "member", "stranger", "twin", "twinOther"]) await A.make(n, ["SUBSCRIBER"]);
  await A.make("officer", ["RA_OFFICER"]);
  orgId = (await registerOrganisation(A.as("orgAdmin"), { name: "示例印章科技有限公司", unifiedSocialCreditCode: uscc("91440300MA5F") })).id;
  const checked = await grant("agent", ["APPLY"]);
  await verifyAgentAuthorisation(A.as("officer"), { authorisationId: checked.authorisationId });
  await grant("unchecked", ["APPLY"]);
  const renew = await grant("renewer", ["RENEW"]);
  await verifyAgentAuthorisation(A.as("officer"), { authorisationId: renew.authorisationId });
  await addOrganisationMember(A.as("orgAdmin"), { organisationId: orgId, email: "member@example.test" });
}, 120_000);
afterAll(async () => {
  setDocumentKeyRing(null);
  await db?.close();
});

describe("organisations one may apply for", () => {
  it("lists the administrator's and the checked APPLY agent's organisation, and says why the others do not count", async () => {
    const admin = await listApplyOrganisations(A.as("orgAdmin"), {});
    expect(admin.organisations).toEqual([expect.objectContaining({ id: orgId, via: "ADMIN", validUntil: null, unifiedSocialCreditCode: uscc("91440300MA5F") })]);
    const agent = await listApplyOrganisations(A.as("agent"), {});
    expect(agent.organisations).toEqual([expect.objectContaining({ id: orgId, via: "AGENT" })]);
    expect(agent.organisations[0]!.validUntil).toEqual(new Date(clock.now().getTime() + 90 * DAY));
    expect(await listApplyOrganisations(A.as("unchecked"), {})).toEqual({ organisations: [], notYet: [{ id: orgId, name: "示例印章科技有限公司", why: "LETTER_NOT_CHECKED" }] });
    expect(await listApplyOrganisations(A.as("renewer"), {})).toEqual({ organisations: [], notYet: [{ id: orgId, name: "示例印章科技有限公司", why: "NO_APPLY_SCOPE" }] });
    expect(await listApplyOrganisations(A.as("member"), {})).toEqual({ organisations: [], notYet: [{ id: orgId, name: "示例印章科技有限公司", why: "NOT_ADMIN" }] });
    expect(await listApplyOrganisations(A.as("stranger"), {})).toEqual({ organisations: [], notYet: [] });
  });

  it("tells two organisations of the same name apart: being admin of one hides nothing about the other", async () => {
    const NAME = "同名贸易有限公司";
    const mineId = (await registerOrganisation(A.as("twin"), { name: NAME, unifiedSocialCreditCode: uscc("91110108MA01") })).id;
    const otherId = (await registerOrganisation(A.as("twinOther"), { name: NAME, unifiedSocialCreditCode: uscc("91110108MA02") })).id;
    const window = { validFrom: clock.now().toISOString(), validUntil: new Date(clock.now().getTime() + 90 * DAY).toISOString() };
    const letter = { fileName: "授权委托书.pdf", bytes: pdfBytes("letter for twin") };
    const unchecked = await grantAgentAuthorisation(A.as("twinOther"), { organisationId: otherId, agentEmail: "twin@example.test", scope: ["APPLY"], ...window, letter });

    const before = await listApplyOrganisations(A.as("twin"), {});
    expect(before.organisations).toEqual([expect.objectContaining({ id: mineId, name: NAME, via: "ADMIN" })]);
    expect(before.notYet).toEqual([{ id: otherId, name: NAME, why: "LETTER_NOT_CHECKED" }]);

    // Once the letter is checked both are listed, each under its own id.
    await verifyAgentAuthorisation(A.as("officer"), { authorisationId: unchecked.authorisationId });
    const after = await listApplyOrganisations(A.as("twin"), {});
    expect(after.organisations.map((o) => [o.id, o.via]).sort()).toEqual(
      [
        [mineId, "ADMIN"],
        [otherId, "AGENT"],
      ].sort(),
    );
    expect(after.notYet).toEqual([]);
  });
});

describe("organisation profiles", () => {
  it("lists signing then seal, with what each asks for", async () => {
    const rows = await listProfiles(A.as("orgAdmin"), { subjectType: "ORGANISATION" });
    expect(rows.map((r) => [r.code, r.kind, r.needsHolderName, r.needsSealName, r.allowsDepartment, r.serverKeyGeneration, r.documents])).toEqual([
      ["organization-signing", "SIGNATURE", true, false, true, true, ["BUSINESS_LICENCE"]],
      ["organization-seal", "SEAL", false, true, false, false, ["BUSINESS_LICENCE", "SEAL_IMAGE"]],
      ["organization-seal-sm2", "SEAL", false, true, false, false, ["BUSINESS_LICENCE", "SEAL_IMAGE"]],
    ]);
    expect(rows.find((r) => r.code === "organization-seal")!.usageScopes).toEqual(["系统", "平台"]);
    // The individual list is unchanged by the generalisation.
    expect((await listProfiles(A.as("orgAdmin"), { subjectType: "INDIVIDUAL" })).every((r) => r.documents.length === 0 && r.needsHolderName)).toBe(true);
    // The wizard preselects the first: an international signing profile; the SM2 ones follow within their kind.
    expect((await listProfiles(A.as("orgAdmin"), { subjectType: "INDIVIDUAL" })).map((r) => r.code)).toEqual(["individual-signing", "individual-dual-sm2", "individual-signing-sm2", "encryption"]);
  });

  it("lists up front at least what submission requires, and with those documents an agent's seal application is submitted", async () => {
    const listed = (await listProfiles(A.as("agent"), { subjectType: "ORGANISATION" })).find((r) => r.code === "organization-seal")!.documents;
    const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
    await acceptAgreement(A.as("agent"), { version: v.version, contentHash: v.contentHash, context: "APPLY", locale: "zh-CN", onBehalfOfOrganisationId: orgId });
    const { applicationId } = await createApplication(A.as("agent"), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, subjectDetails: { ...SD, sealName: "合同专用章" } });
    const refused = await submitApplication(A.as("agent"), { applicationId, declarations: ALL_DECLARATIONS }).catch((e: unknown) => e as { code: string; details: { missing: string[] } });
    expect(refused).toMatchObject({ code: "DOCUMENTS_MISSING" });
    const missing = (refused as { details: { missing: string[] } }).details.missing;
    expect(missing.length).toBeGreaterThan(0);
    for (const kind of missing) expect(listed).toContain(kind);
    for (const kind of listed) {
      const file = kind === "SEAL_IMAGE" ? { fileName: "seal.png", bytes: pngBytes() } : { fileName: "营业执照.pdf", bytes: pdfBytes("licence") };
      await attachDocument(A.as("agent"), { applicationId, kind: kind as "BUSINESS_LICENCE", file });
    }
    await expect(submitApplication(A.as("agent"), { applicationId, declarations: ALL_DECLARATIONS })).resolves.toMatchObject({ status: "SUBMITTED" });
  });
});
