// Issue 14 item 4: a key on the blocked list is refused with KEY_BLOCKED at issuance's doors (the
// CSR attached in the wizard, the issuance itself), with an audit event and nothing else written;
// a key that is not blocked still issues.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachCsr } from "@/server/application/attach-csr";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { revokeByCa } from "@/server/revocation/revoke-by-ca";
import { insertApplicationRow } from "@/testing/fixtures/application-row";
import { approvedAs } from "../support/approval";
import { CA_CREATED_AT, makeApplication, openWorld, sh, type World } from "./fixtures";
import { makeCsr } from "./pki-helpers";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-02 10:00"));
});
afterAll(async () => {
  await w?.close();
});

describe("blocked keys (KEY_BLOCKED)", () => {
  it("refuses a compromised key at the CSR door and at issuance, with evidence and nothing else; another key issues", async () => {
    const { csrPem } = makeCsr(w.tmp, "compromised");
    const first = await makeApplication(w, { applicant: "alice", csrPem });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId: first.applicationId });
    w.clock.advance(60_000);
    await revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId, ground: "KEY_COMPROMISED", explanation: "私钥随笔记本电脑一同被盗" });
    const spki = (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } })).publicKeySha256;
    expect(await w.db.prisma.blockedKey.findUnique({ where: { spkiSha256: spki } })).toMatchObject({ source: "CA_REVOCATION", sourceCertificateId: certificateId });

    // The wizard's CSR step: the draft keeps no CSR.
    const { applicationId: draftId } = await insertApplicationRow(w.db.prisma, {
      applicantId: w.users.bob!.id,
      profileId: w.profiles["individual-signing"]!,
      identity: { legalName: "王博" },
      status: "DRAFT",
      subjectDetails: { usageScope: { kind: "平台", name: "电子政务平台" } },
      keyGeneration: "CLIENT_CSR",
    });
    await expect(attachCsr(w.as("bob"), { applicationId: draftId, csrPem })).rejects.toMatchObject({ code: "KEY_BLOCKED", details: { field: "csrPem" } });
    expect((await w.db.prisma.application.findUniqueOrThrow({ where: { id: draftId } })).csrDer).toBeNull();

    // An application that got the key before it was blocked: the issuance refuses it, no certificate.
    const late = await makeApplication(w, { applicant: "bob", csrPem });
    await expect(issueCertificate(w.as("officer"), { applicationId: late.applicationId })).rejects.toMatchObject({ code: "KEY_BLOCKED" });
    expect(await w.db.prisma.certificate.count({ where: { applicationId: late.applicationId } })).toBe(0);
    expect((await w.db.prisma.application.findUniqueOrThrow({ where: { id: late.applicationId } })).status).toBe("APPROVED");

    const refusals = await w.db.prisma.auditEvent.findMany({ where: { action: "certificate.blocked-key-refused" }, orderBy: { seq: "asc" } });
    expect(refusals.map((e) => [e.subjectId, (e.summary as { door: string }).door])).toEqual([
      [draftId, "CSR"],
      [late.applicationId, "ISSUANCE"],
    ]);
    expect(refusals.every((e) => (e.summary as { spkiSha256: string }).spkiSha256 === spki)).toBe(true);

    // A key that is not blocked still issues.
    const fresh = await makeApplication(w, { applicant: "bob" });
    await expect(issueCertificate(w.as("officer"), { applicationId: fresh.applicationId })).resolves.toMatchObject({ serialHex: expect.any(String) });
    expect(CA_CREATED_AT.getTime()).toBeLessThan(w.clock.now().getTime());
  });
});
