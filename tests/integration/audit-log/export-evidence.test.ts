// An auditor exports a selection of the audit log as signed evidence: openssl verifies the CMS
// against the CA's root, the content is exactly the selected events with their chain hashes, and
// the export is itself an audit event. Nobody but an auditor may export.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAuditEvidence } from "@/server/audit-log/export-audit-evidence";
import { setProfileCommercials } from "@/server/application/set-profile-commercials";
import { verifyAuditChain } from "@/server/core/audit";
import { openWorld, type World } from "../certificate/fixtures";
import { openssl, pem } from "../certificate/pki-helpers";
import { approvedAs } from "../support/approval";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  // Three events of one kind to select, among the CA set-up events.
  for (const fee of [100, 200, 300]) await setProfileCommercials(approvedAs(w.as("admin"), "PROFILE_CHANGE"), { code: "individual-signing", feeCents: fee, active: true });
}, 120_000);
afterAll(async () => w?.close());

type Exported = { exportedBy: string; events: { seq: number; action: string; hash: string; prevHash: string }[] };

describe("signed audit evidence", () => {
  it("is a CMS openssl verifies against the root, holding exactly the selected events with their hashes", async () => {
    const { cms, count } = await exportAuditEvidence(w.as("auditor"), { action: "profile.commercials-changed" });
    expect(count).toBe(3);
    const root = await w.db.prisma.issuingCa.findFirstOrThrow({ where: { role: "ROOT" } });
    const rootFile = w.tmp.file("evidence-root.pem", pem(root.certificateDer));
    const cmsFile = w.tmp.file("evidence.p7m", cms);
    const outFile = w.tmp.file("evidence.json");
    const v = openssl(["cms", "-verify", "-inform", "DER", "-in", cmsFile, "-CAfile", rootFile, "-purpose", "any", "-out", outFile]);
    expect(v.out).toContain("Verification successful");
    const exported = JSON.parse(readFileSync(outFile, "utf8")) as Exported;
    expect(exported.exportedBy).toBe(w.users.auditor!.id);
    const stored = await w.db.prisma.auditEvent.findMany({ where: { action: "profile.commercials-changed" }, orderBy: { seq: "asc" } });
    expect(exported.events.map((e) => [e.seq, e.hash, e.prevHash])).toEqual(stored.map((e) => [e.seq, e.hash, e.prevHash]));

    const audited = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "audit.evidence-exported" }, orderBy: { seq: "desc" } });
    expect(audited.actorId).toBe(w.users.auditor!.id);
    expect(audited.summary).toMatchObject({ count: 3, firstSeq: stored[0]!.seq, lastSeq: stored[2]!.seq });
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
  });

  it("is refused to everyone but auditors, and a refused export leaves no trace", async () => {
    const before = await w.db.prisma.auditEvent.count();
    for (const who of ["admin", "officer", "alice"]) await expect(exportAuditEvidence(w.as(who), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await w.db.prisma.auditEvent.count()).toBe(before);
  });
});
