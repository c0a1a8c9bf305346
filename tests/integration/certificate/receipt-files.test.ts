// Issue 13 item 7: the acceptance receipt and the revocation receipt as files a third party checks
// with openssl alone. The commands run here are the very strings the certificate page prints
// (receiptVerifyCommands), run in a folder holding the files under their download names.
// openssl checks certificate validity against the real clock, so this file runs at real time.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { RECEIPT_FILES, receiptBaseName, receiptFile, receiptVerifyCommands, type SignedReceiptFiles } from "@/server/ca-service/signed-receipt";
import { getAcceptanceReceipt, getCertificateAcceptanceReceipt, RECEIPT_TYPE } from "@/server/certificate/get-acceptance-receipt";
import { verifyAuditChain } from "@/server/core/audit";
import { getRevocationReceipt } from "@/server/revocation/get-revocation-receipt";
import { reportLoss } from "@/server/revocation/report-loss";
import { acceptCurrentAgreement } from "@/testing/fixtures/accept-current-agreement";
import { issueCert, openWorld, type TestCert, type World } from "../revocation/fixtures";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
  await seedDefaultAgreement(w.db.prisma, new Date(start.getTime() - 86_400_000), {});
});
afterAll(async () => {
  await w?.close();
});

const tick = (s = 1) => w.clock.advance(s * 1000);

/** Saves the receipt's files as the routes name them and runs the printed commands in that folder. */
function verifyWithPrintedCommands(files: SignedReceiptFiles, base: string, dirName: string) {
  const dir = w.tmp.file(dirName);
  spawnSync("mkdir", ["-p", dir]);
  for (const name of RECEIPT_FILES) {
    if (name === "receipt.json") continue; // the first command writes it out of the .p7s
    const saved = name.startsWith("receipt.") ? `${base}${name.slice("receipt".length)}` : `${base}-${name}`;
    writeFileSync(path.join(dir, saved), receiptFile(files, name).body);
  }
  const run = (command: string) => {
    const [bin, ...args] = command.split(" ");
    const r = spawnSync(bin!, args, { cwd: dir, timeout: 30_000 });
    return { status: r.status, out: r.stdout.toString() + r.stderr.toString() };
  };
  const commands = receiptVerifyCommands(base);
  const cms = run(commands.cms);
  const extracted = readFileSync(path.join(dir, `${base}.json`), "utf8");
  const ts = run(commands.ts);
  return { dir, cms, ts, extracted, run, commands };
}

describe("acceptance receipt of a certificate", () => {
  let cert: TestCert;
  let acceptanceId: string;
  it("is the acceptance the application's submission rested on, for the holder; someone else gets NOT_FOUND", async () => {
    // An older acceptance for another context and a later one (after submission) are not it.
    await acceptCurrentAgreement(w.as("alice"), "DOWNLOAD");
    tick();
    acceptanceId = (await acceptCurrentAgreement(w.as("alice"), "APPLY")).acceptanceId;
    tick();
    cert = await issueCert(w, { user: "alice" });
    const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
    const app = await w.db.prisma.application.create({
      data: { kind: "NEW", status: "ISSUED", applicantId: w.users.alice!.id, subjectType: "INDIVIDUAL", profileId: profile.id, submittedAt: w.clock.now(), createdAt: new Date(w.clock.now().getTime() - 1000) },
    });
    await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { applicationId: app.id } });
    tick();
    const later = await acceptCurrentAgreement(w.as("alice"), "APPLY");
    expect(later.acceptanceId).not.toBe(acceptanceId);

    const r = await getCertificateAcceptanceReceipt(w.as("alice"), { certificateId: cert.id });
    expect(r.acceptanceId).toBe(acceptanceId);
    const doc = JSON.parse(r.json) as { type: string; formatVersion: number; acceptance: { id: string; context: string; supersededAt: string | null } };
    expect(doc).toMatchObject({ type: RECEIPT_TYPE, formatVersion: 2, acceptance: { id: acceptanceId, context: "APPLY" } });
    // Superseded by the later acceptance, yet still the one this certificate's contract rests on.
    expect(doc.acceptance.supersededAt).not.toBeNull();

    await expect(getCertificateAcceptanceReceipt(w.as("bob"), { certificateId: cert.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCertificateAcceptanceReceipt(w.as("agent"), { certificateId: cert.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCertificateAcceptanceReceipt(w.as("alice"), { certificateId: "not-a-uuid" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(getAcceptanceReceipt(w.as("bob"), { acceptanceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the accepter's e-mail, network address and browser are in their own copy only; another holder of the certificate gets the record without them", async () => {
    tick();
    const own = JSON.parse((await getCertificateAcceptanceReceipt(w.as("alice"), { certificateId: cert.id })).json) as { acceptance: { acceptedBy: { email: string | null }; ip: string | null; userAgent: string | null } };
    expect(own.acceptance.acceptedBy.email).toBe("alice@example.test");
    expect(own.acceptance.ip).not.toBeNull();

    // An organisation's certificate whose application the administrator submitted: the person named in it holds it too.
    const orgAcceptance = (await acceptCurrentAgreement(w.as("orgAdmin"), "APPLY", w.orgId)).acceptanceId;
    tick();
    const orgCert = await issueCert(w, { organisation: true, holder: "holder" });
    const profile = await w.db.prisma.certificateProfile.findFirstOrThrow({ where: { subjectType: "ORGANISATION" } });
    const app = await w.db.prisma.application.create({
      data: { kind: "NEW", status: "ISSUED", applicantId: w.users.orgAdmin!.id, organisationId: w.orgId, subjectType: "ORGANISATION", profileId: profile.id, submittedAt: w.clock.now(), createdAt: new Date(w.clock.now().getTime() - 1000) },
    });
    await w.db.prisma.certificate.update({ where: { id: orgCert.id }, data: { applicationId: app.id } });
    const theirs = await getCertificateAcceptanceReceipt(w.as("holder"), { certificateId: orgCert.id });
    expect(theirs.acceptanceId).toBe(orgAcceptance);
    const seen = JSON.parse(theirs.json) as typeof own & { acceptance: { acceptedBy: { userId: string } } };
    expect(seen.acceptance.acceptedBy).toMatchObject({ userId: w.users.orgAdmin!.id, email: null });
    expect(seen.acceptance.ip).toBeNull();
    expect(seen.acceptance.userAgent).toBeNull();
    const admins = JSON.parse((await getCertificateAcceptanceReceipt(w.as("orgAdmin"), { certificateId: orgCert.id })).json) as typeof own;
    expect(admins.acceptance.acceptedBy.email).not.toBeNull();
  });

  it("openssl verifies the .p7s and the .tsr with the printed commands; the JSON out of the .p7s is the record; a changed byte fails", async () => {
    tick();
    const r = await getCertificateAcceptanceReceipt(w.as("alice"), { certificateId: cert.id });
    const base = receiptBaseName("acceptance", acceptanceId);
    expect(r.fileBaseName).toBe(base);
    const v = verifyWithPrintedCommands(r, base, "acceptance");
    expect(v.cms.out).toContain("Verification successful");
    expect(v.cms.status).toBe(0);
    expect(v.extracted).toBe(r.json);
    expect(v.ts.out).toContain("Verification: OK");
    expect(v.ts.status).toBe(0);

    // A second fetch signs the same bytes: its .tsr verifies against the first copy's JSON.
    tick();
    const again = await getCertificateAcceptanceReceipt(w.as("alice"), { certificateId: cert.id });
    expect(again.json).toBe(r.json);
    writeFileSync(path.join(v.dir, `${base}.tsr`), again.tsr);
    expect(v.run(v.commands.ts).out).toContain("Verification: OK");

    writeFileSync(path.join(v.dir, `${base}.json`), r.json.replace('"APPLY"', '"RENEW"'));
    const forged = v.run(v.commands.ts);
    expect(forged.status).not.toBe(0);
    expect(forged.out).not.toContain("Verification: OK");
    const p7s = Buffer.from(r.p7s);
    const at = p7s.indexOf(Buffer.from('"APPLY"'));
    expect(at).toBeGreaterThan(0);
    p7s[at + 1] = "R".charCodeAt(0);
    writeFileSync(path.join(v.dir, `${base}.p7s`), p7s);
    const broken = v.run(v.commands.cms);
    expect(broken.status).not.toBe(0);
    expect(broken.out).not.toContain("Verification successful");
  });
});

describe("revocation receipt as files", () => {
  it("the loss report's receipt verifies with the printed commands; another certificate's id or someone else gets NOT_FOUND", async () => {
    const c = await issueCert(w, { user: "bob" });
    const other = await issueCert(w, { user: "bob" });
    tick();
    const { request } = await reportLoss(w.as("bob"), { certificateId: c.id, note: "钥匙丢了" });
    tick();
    const r = await getRevocationReceipt(w.as("bob"), { requestId: request.id, certificateId: c.id });
    const body = JSON.parse(r.json) as { version: number; request: { kind: string; times: { receivedAt: string } } };
    expect(body).toMatchObject({ version: 2, request: { kind: "LOSS_REPORT" } });
    expect(r.json).not.toContain("issuedAt");
    const base = receiptBaseName("revocation", request.id);
    const v = verifyWithPrintedCommands(r.files, base, "revocation");
    expect(v.cms.out).toContain("Verification successful");
    expect(v.extracted).toBe(r.json);
    expect(v.ts.out).toContain("Verification: OK");
    // The JSON wrapper's parts are the same signature and token.
    expect(Buffer.from(r.cmsBase64, "base64").equals(r.files.p7s)).toBe(true);

    await expect(getRevocationReceipt(w.as("bob"), { requestId: request.id, certificateId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRevocationReceipt(w.as("alice"), { requestId: request.id, certificateId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getRevocationReceipt(w.as("officer"), { requestId: request.id, certificateId: c.id })).json).toBe(r.json);
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
