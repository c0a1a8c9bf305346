// The wizard's key step (clause 1.3): the applicant switches a draft to a server-made key only for
// a profile that allows it; the switch drops any CSR and is audited; others cannot touch it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseKeyGeneration } from "@/server/application/choose-key-generation";
import { verifyAuditChain } from "@/server/core/audit";
import { makeApplication, openWorld, type World } from "../certificate/fixtures";

let w: World;
beforeAll(async () => {
  w = await openWorld();
}, 120_000);
afterAll(async () => w?.close());

async function draft(applicant: string, profile = "individual-signing") {
  const { applicationId } = await makeApplication(w, { applicant, profile, status: "SUBMITTED" });
  await w.db.prisma.application.update({ where: { id: applicationId }, data: { status: "DRAFT" } });
  return applicationId;
}

describe("choose how the key is made", () => {
  it("switches a draft to a server-made key, drops its CSR and audits the change", async () => {
    const applicationId = await draft("alice");
    expect((await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).csrDer).not.toBeNull();
    await expect(chooseKeyGeneration(w.as("alice"), { applicationId, keyGeneration: "SERVER_PKCS12" })).resolves.toEqual({ applicationId, keyGeneration: "SERVER_PKCS12" });
    const row = await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
    expect(row.keyGeneration).toBe("SERVER_PKCS12");
    expect(row.csrDer).toBeNull();
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "application.key-generation-chosen", subjectId: applicationId } });
    expect(event.summary).toEqual({ from: "CLIENT_CSR", to: "SERVER_PKCS12", csrDropped: true });
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
  });

  it("refuses a server key for a profile that does not allow one, and changes nothing", async () => {
    const applicationId = await draft("alice", "organization-seal");
    await expect(chooseKeyGeneration(w.as("alice"), { applicationId, keyGeneration: "SERVER_PKCS12" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).keyGeneration).toBe("CLIENT_CSR");
  });

  it("is the applicant's alone, and only while the application is editable", async () => {
    const applicationId = await draft("alice");
    await expect(chooseKeyGeneration(w.as("bob"), { applicationId, keyGeneration: "SERVER_PKCS12" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await w.db.prisma.application.update({ where: { id: applicationId }, data: { status: "SUBMITTED" } });
    await expect(chooseKeyGeneration(w.as("alice"), { applicationId, keyGeneration: "SERVER_PKCS12" })).rejects.toMatchObject({ code: "INVALID_STATE_TRANSITION" });
    expect((await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).keyGeneration).toBe("CLIENT_CSR");
  });
});
