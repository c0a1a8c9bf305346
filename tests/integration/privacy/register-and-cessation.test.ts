import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { assertNotInCessation, readCessation } from "@/server/privacy/cessation";
import { enterCessation } from "@/server/privacy/enter-cessation";
import { exportForSuccessor } from "@/server/privacy/export-for-successor";
import { exportMyData } from "@/server/privacy/export-my-data";
import { leaveCessation } from "@/server/privacy/leave-cessation";
import { listDisclosures } from "@/server/privacy/list-disclosures";
import { listProcessors } from "@/server/privacy/list-processors";
import { recordDisclosure } from "@/server/privacy/record-disclosure";
import { registerProcessor } from "@/server/privacy/register-processor";
import { updateProcessor } from "@/server/privacy/update-processor";
import { issueTestCertificate, openssl, openWorld, type TestCertificate, type World } from "../public/world";
import { approvedAs } from "../support/approval";

let w: World;
let cert: TestCertificate;
let processorId: string;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const inCessation = () => w.db.prisma.$transaction((tx) => assertNotInCessation(tx));

beforeAll(async () => {
  w = await openWorld();
  cert = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽" });
  w.clock.advance(3600_000);
  await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { revokedAt: w.clock.now(), revocationReason: "AFFILIATION_CHANGED" } });
  await w.db.prisma.revocation.create({ data: { certificateId: cert.id, reasonCode: "AFFILIATION_CHANGED", revokedAt: w.clock.now() } });
});
afterAll(async () => {
  await w?.close();
});

describe("register of processors and disclosures (clause 6)", () => {
  const entry = { name: "某短信服务有限公司", purpose: "发送证书到期提醒短信", dataCategories: ["手机号码"], location: "中国 杭州" };

  it("lets only a CA administrator register and record; auditors read", async () => {
    await expect(registerProcessor(w.as("officer"), entry)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(registerProcessor(w.as("alice"), entry)).rejects.toMatchObject({ code: "FORBIDDEN" });
    processorId = (await registerProcessor(w.as("admin"), entry)).processorId;
    await expect(registerProcessor(w.as("admin"), entry)).rejects.toMatchObject({ code: "CONFLICT" });
    const d = await recordDisclosure(w.as("admin"), { processorId, subjectUserId: w.users.alice!.id, what: "手机号码", why: "到期提醒" });
    await expect(recordDisclosure(w.as("officer"), { processorId, what: "x", why: "y" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      recordDisclosure(w.as("admin"), { processorId, what: "x", why: "y", at: new Date(w.clock.now().getTime() + 60_000).toISOString() }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const list = await listProcessors(w.as("auditor"), {});
    expect(list).toEqual([expect.objectContaining({ id: processorId, name: entry.name, disclosures: 1, active: true })]);
    await expect(listProcessors(w.as("alice"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const ds = await listDisclosures(w.as("auditor"), { subjectUserId: w.users.alice!.id });
    expect(ds.map((x) => ({ id: x.id, what: x.what, why: x.why, to: x.processor.name, at: x.at }))).toEqual([
      { id: d.disclosureId, what: "手机号码", why: "到期提醒", to: entry.name, at: w.clock.now() },
    ]);
    // The subscriber sees the disclosure about her in her export.
    const mine = await exportMyData(w.as("alice"), {});
    expect(mine.disclosures.map((x) => x.processor.name)).toEqual([entry.name]);
  });

  it("refuses disclosures to a deactivated processor, keeping its history", async () => {
    await updateProcessor(w.as("admin"), { processorId, active: false });
    await expect(recordDisclosure(w.as("admin"), { processorId, what: "x", why: "y" })).rejects.toMatchObject({ code: "PROCESSOR_INACTIVE" });
    expect(await listProcessors(w.as("admin"), { includeInactive: false })).toEqual([]);
    const ev = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "privacy.processor-updated" } });
    expect(ev.summary).toEqual({ changes: { active: { from: true, to: false } } });
  });
});

describe("cessation mode", () => {
  it("offers the hand-over export only during cessation, and only administrators switch it", async () => {
    await expect(exportForSuccessor(w.as("admin"), {})).rejects.toMatchObject({ code: "CESSATION_STATE_MISMATCH" });
    await expect(enterCessation(w.as("officer"), { confirm: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inCessation()).resolves.toBeUndefined();
  });

  it("stops collection, notifies every subscriber and agent once", async () => {
    const r = await enterCessation(approvedAs(w.as("admin"), "CESSATION_ON"), { confirm: true, successor: "某某数字认证股份有限公司" });
    expect(r.notified).toBe(3);
    await expect(inCessation()).rejects.toMatchObject({ code: "CESSATION_IN_EFFECT" });
    expect(await readCessation(w.db.prisma)).toMatchObject({ active: true, successor: "某某数字认证股份有限公司", startedById: w.users.admin!.id });
    const mails = await w.db.prisma.notification.findMany({ where: { template: "privacy.cessation-notice" } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["agent@example.test", "alice@example.test", "bob@example.test"]);
    expect(new Set(mails.map((m) => m.dedupeKey)).size).toBe(3);
    // The mail's link opens the data page (there is no /account/privacy).
    expect(mails.every((m) => (m.payload as { path?: string }).path === "/my-data")).toBe(true);
    await expect(enterCessation(approvedAs(w.as("admin"), "CESSATION_ON"), { confirm: true })).rejects.toMatchObject({ code: "CESSATION_STATE_MISMATCH" });
    expect(await w.db.prisma.notification.count({ where: { template: "privacy.cessation-notice" } })).toBe(3);
  });

  it("exports certificates, revocations and acceptances with a SHA-256 manifest the files match", async () => {
    await expect(exportForSuccessor(w.as("officer"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const x = await exportForSuccessor(w.as("admin"), {});
    expect(x.files.map((f) => f.name)).toEqual(["issuers.ndjson", "certificates.ndjson", "revocations.ndjson", "acceptances.ndjson"]);
    for (const f of x.files) {
      const m = x.manifest.files.find((e) => e.name === f.name)!;
      expect(m.sha256).toBe(sha256(f.content));
      expect(m.lines).toBe(f.content.split("\n").filter(Boolean).length);
    }
    expect(x.manifestSha256).toBe(sha256(x.manifestJson));
    const certs = x.files[1]!.content.trim().split("\n").map((l) => JSON.parse(l) as { serialHex: string; derBase64: string; status: string });
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({ serialHex: cert.serialHex, status: "REVOKED" });
    // The DER in the package is the certificate itself: openssl reads it and finds the serial.
    const der = Buffer.from(certs[0]!.derBase64, "base64");
    const o = openssl(["x509", "-inform", "DER", "-noout", "-serial"], der);
    expect(o.status).toBe(0);
    expect(o.out.trim().toLowerCase()).toBe(`serial=${cert.serialHex}`);
    // The package is self-contained: its issuer certificates verify the leaf with openssl.
    const issuers = x.files[0]!.content.trim().split("\n").map((l) => JSON.parse(l) as { parentId: string | null; derBase64: string });
    const pemOf = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{1,64}/g, "$&\n")}-----END CERTIFICATE-----\n`;
    const rootFile = w.file("h-root.pem", issuers.filter((i) => i.parentId === null).map((i) => pemOf(i.derBase64)).join(""));
    const midFile = w.file("h-mid.pem", issuers.filter((i) => i.parentId !== null).map((i) => pemOf(i.derBase64)).join(""));
    const leafFile = w.file("h-leaf.pem", pemOf(certs[0]!.derBase64));
    const v = openssl(["verify", "-CAfile", rootFile, "-untrusted", midFile, "-attime", String(Math.floor(w.clock.now().getTime() / 1000)), leafFile]);
    expect(v.out).toContain(": OK");
    const revs = x.files[2]!.content.trim().split("\n").map((l) => JSON.parse(l) as { serialHex: string; reasonCode: string });
    expect(revs).toEqual([expect.objectContaining({ serialHex: cert.serialHex, reasonCode: "AFFILIATION_CHANGED" })]);
    expect(x.manifest.auditHead?.seq).toBeGreaterThan(0);
    expect(x.manifest.issuers.length).toBeGreaterThan(0);
    const ev = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "privacy.successor-export" } });
    expect((ev.summary as { manifestSha256: string }).manifestSha256).toBe(x.manifestSha256);
  });

  it("can be called off by an administrator, with a reason", async () => {
    await expect(leaveCessation(approvedAs(w.as("admin"), "CESSATION_OFF"), { confirm: true, reason: "" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await leaveCessation(approvedAs(w.as("admin"), "CESSATION_OFF"), { confirm: true, reason: "误操作" });
    await expect(inCessation()).resolves.toBeUndefined();
    await expect(leaveCessation(approvedAs(w.as("admin"), "CESSATION_OFF"), { confirm: true, reason: "again" })).rejects.toMatchObject({ code: "CESSATION_STATE_MISMATCH" });
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
  });
});
