// The applicant's own key (clause 1.3): a CSR is stored on an editable application only after
// its proof of possession verifies; a broken request is refused at once and changes nothing.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pemToDer } from "@/ca/asn1/certificate-parts";
import { attachCsr } from "@/server/application/attach-csr";
import { verifyAuditChain } from "@/server/core/audit";
import { makeApplication, openWorld, type World } from "../certificate/fixtures";
import { makeCsr } from "../certificate/pki-helpers";

let w: World;
beforeAll(async () => {
  w = await openWorld();
}, 120_000);
afterAll(async () => w?.close());

async function draftFor(applicant: string, keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12" = "CLIENT_CSR") {
  const { applicationId } = await makeApplication(w, { applicant, status: "SUBMITTED", keyGeneration, csrPem: keyGeneration === "CLIENT_CSR" ? makeCsr(w.tmp, `old-${applicant}-${Date.now()}`).csrPem : undefined });
  await w.db.prisma.application.update({ where: { id: applicationId }, data: { status: "DRAFT" } });
  return applicationId;
}

describe("attach a CSR to an application", () => {
  it("stores the request's DER and records the key's fingerprint in the audit log", async () => {
    const applicationId = await draftFor("alice");
    const { csrPem } = makeCsr(w.tmp, "fresh");
    const r = await attachCsr(w.as("alice"), { applicationId, csrPem });
    expect(r).toEqual({ applicationId, keyType: expect.stringMatching(/ec|EC|P-256/) });
    const stored = await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
    expect(Buffer.from(stored.csrDer!).equals(Buffer.from(pemToDer(csrPem)))).toBe(true);
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "application.csr-attached", subjectId: applicationId } });
    expect(event.summary).toMatchObject({ csrSha256: createHash("sha256").update(pemToDer(csrPem)).digest("hex") });
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
  });

  it("records where the request came from: the portal's browser page, or an upload (the default); pages name the key by it", async () => {
    const { keyOriginOf } = await import("@/domain/application/key-origin");
    const uploaded = await draftFor("alice");
    await attachCsr(w.as("alice"), { applicationId: uploaded, csrPem: makeCsr(w.tmp, "uploaded").csrPem });
    const browser = await draftFor("alice");
    await attachCsr(w.as("alice"), { applicationId: browser, csrPem: makeCsr(w.tmp, "browser").csrPem, source: "BROWSER" });
    const rows = await w.db.prisma.application.findMany({ where: { id: { in: [uploaded, browser] } }, select: { id: true, keyGeneration: true, csrSource: true } });
    const origin = Object.fromEntries(rows.map((r) => [r.id, keyOriginOf(r.keyGeneration, r.csrSource)]));
    expect(origin).toEqual({ [uploaded]: "UPLOADED_CSR", [browser]: "BROWSER" });
    await expect(attachCsr(w.as("alice"), { applicationId: browser, csrPem: makeCsr(w.tmp, "x").csrPem, source: "ELSEWHERE" as "BROWSER" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("refuses a request whose signature does not verify, and keeps the earlier CSR", async () => {
    const applicationId = await draftFor("alice");
    const before = (await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).csrDer;
    const der = Buffer.from(pemToDer(makeCsr(w.tmp, "tampered").csrPem));
    der.writeUInt8(der.readUInt8(der.length - 5) ^ 0x01, der.length - 5); // inside the signature
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----\n`;
    await expect(attachCsr(w.as("alice"), { applicationId, csrPem: tampered })).rejects.toMatchObject({ code: "CSR_INVALID" });
    await expect(attachCsr(w.as("alice"), { applicationId, csrPem: "not a CSR" })).rejects.toMatchObject({ code: "CSR_INVALID" });
    const after = (await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).csrDer;
    expect(Buffer.from(after!).equals(Buffer.from(before!))).toBe(true);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "application.csr-attached", subjectId: applicationId } })).toBe(0);
  });

  it("refuses an SM2 request signed with another user ID by name (what to change), and stores nothing", async () => {
    const applicationId = await draftFor("alice");
    const before = (await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).csrDer;
    const key = w.tmp.file("sm2-alice.key");
    execFileSync("openssl", ["genpkey", "-algorithm", "SM2", "-out", key]);
    const csr = (distid: string) => execFileSync("openssl", ["req", "-new", "-key", key, "-sm3", "-sigopt", `distid:${distid}`, "-subj", "/CN=x"], { encoding: "utf8" });
    const refused = await attachCsr(w.as("alice"), { applicationId, csrPem: csr("ALICE123@YAHOO.COM") }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "CSR_SM2_USER_ID" });
    const { errorMessage } = await import("@/server/core/errors");
    expect(errorMessage("CSR_SM2_USER_ID", "zh")).toContain("-sigopt distid:1234567812345678");
    const after = (await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).csrDer;
    expect(Buffer.from(after!).equals(Buffer.from(before!))).toBe(true);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "application.csr-attached", subjectId: applicationId } })).toBe(0);
  });

  it("is the applicant's alone, on an editable application that uses a subscriber-made key", async () => {
    const applicationId = await draftFor("alice");
    const { csrPem } = makeCsr(w.tmp, "other");
    await expect(attachCsr(w.as("bob"), { applicationId, csrPem })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await w.db.prisma.application.update({ where: { id: applicationId }, data: { status: "SUBMITTED" } });
    await expect(attachCsr(w.as("alice"), { applicationId, csrPem })).rejects.toMatchObject({ code: "INVALID_STATE_TRANSITION" });
    const serverKey = await draftFor("alice", "SERVER_PKCS12");
    await expect(attachCsr(w.as("alice"), { applicationId: serverKey, csrPem })).rejects.toMatchObject({ code: "INVALID_STATE_TRANSITION" });
  });
});
