// Issue 15 item 5: the revocation receipt as a page to read, beside the signed files. The view is
// the same record under the same access rule, and its hash is the hash of the exact JSON the files
// sign, which stays byte-identical.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carryOutRevocation } from "@/server/revocation/carry-out-revocation";
import { getRevocationReceipt } from "@/server/revocation/get-revocation-receipt";
import { getRevocationReceiptView } from "@/server/revocation/get-revocation-receipt-view";
import { issueRevocationChallenge } from "@/server/revocation/issue-revocation-challenge";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { issueCert, openWorld, signWithKey, type World } from "./fixtures";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
});
afterAll(async () => {
  await w?.close();
});
const tick = (s = 1) => w.clock.advance(s * 1000);

describe("the readable revocation receipt", () => {
  it("holds what the signed JSON holds, with its SHA-256 and the requester's name; the files stay the same bytes; others get NOT_FOUND; nothing is written", async () => {
    const c = await issueCert(w, { user: "bob" });
    const other = await issueCert(w, { user: "bob" });
    tick();
    const { challenge } = await issueRevocationChallenge(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
    const req = await requestRevocation(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: { challenge, signature: signWithKey(w, c.keyFile, challenge) } });
    tick();
    await carryOutRevocation(w.as("officer"), { requestId: req.id });
    tick();

    const files = await getRevocationReceipt(w.as("bob"), { requestId: req.id, certificateId: c.id });
    const before = { audit: await w.db.prisma.auditEvent.count(), mail: await w.db.prisma.notification.count() };
    const view = await getRevocationReceiptView(w.as("bob"), { requestId: req.id, certificateId: c.id });
    expect(await w.db.prisma.auditEvent.count()).toBe(before.audit);
    expect(await w.db.prisma.notification.count()).toBe(before.mail);

    expect(view.sha256).toBe(createHash("sha256").update(files.json, "utf8").digest("hex"));
    expect(view.body).toEqual(JSON.parse(files.json));
    expect(view.body).toMatchObject({
      request: { kind: "REVOCATION", status: "DONE", reason: "KEY_COMPROMISE", confirmationMethod: "KEY_SIGNATURE", sla: "met" },
      certificate: { id: c.id },
      revocation: { reason: "KEY_COMPROMISE", byThisRequest: true },
    });
    const bob = await w.db.prisma.user.findUniqueOrThrow({ where: { id: w.users.bob!.id } });
    expect(view.requesterName).toBe(bob.displayName || bob.email);
    expect(view.organisationName).toBeNull();

    // The files are the same bytes after the page was read (the JSON is the record alone).
    const again = await getRevocationReceipt(w.as("bob"), { requestId: req.id, certificateId: c.id });
    expect(again.json).toBe(files.json);
    // Staff read the same record.
    expect((await getRevocationReceiptView(w.as("officer"), { requestId: req.id, certificateId: c.id })).sha256).toBe(view.sha256);

    await expect(getRevocationReceiptView(w.as("alice"), { requestId: req.id, certificateId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRevocationReceiptView(w.as("bob"), { requestId: req.id, certificateId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRevocationReceiptView(w.as("bob"), { requestId: "not-a-uuid" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("an organisation's receipt under the files' rule: the authorised agent and the named holder read it, an agent without REVOKE and another subscriber do not; a CA-initiated request names no staff member", async () => {
    const c = await issueCert(w, { organisation: true, holder: "holder" });
    const admin = await w.db.prisma.user.findUniqueOrThrow({ where: { id: w.users.admin!.id } });
    const req = await w.db.prisma.revocationRequest.create({
      data: { certificateId: c.id, requestedById: admin.id, kind: "CA_INITIATED", reasonCode: "KEY_COMPROMISE", status: "COMPLIANT", receivedAt: w.clock.now(), compliantAt: w.clock.now(), confirmedById: admin.id, confirmationMethod: "OFFICER", dueAt: new Date(w.clock.now().getTime() + 86_400_000) },
    });
    const input = { requestId: req.id, certificateId: c.id };
    for (const who of ["agent", "holder"]) {
      const view = await getRevocationReceiptView(w.as(who), input);
      expect(view.requesterName).toBeNull();
      expect(JSON.stringify(view)).not.toContain(admin.email);
      expect(view.sha256).toBe(createHash("sha256").update((await getRevocationReceipt(w.as(who), input)).json, "utf8").digest("hex"));
    }
    // An agent's own request: the agent reads their address, the named holder (a colleague) does not.
    const byAgent = await w.db.prisma.revocationRequest.create({
      data: { certificateId: c.id, requestedById: w.users.agent!.id, onBehalfOfOrganisationId: w.orgId, kind: "REVOCATION", reasonCode: "KEY_COMPROMISE", status: "RECEIVED", receivedAt: w.clock.now() },
    });
    const agentInput = { requestId: byAgent.id, certificateId: c.id };
    expect((await getRevocationReceiptView(w.as("agent"), agentInput)).requesterName).toBe("agent@example.test");
    const seenByHolder = await getRevocationReceiptView(w.as("holder"), agentInput);
    expect(seenByHolder.requesterName).toBeNull();
    expect(seenByHolder.organisationName).toBe("示例科技有限公司");
    expect(JSON.stringify(seenByHolder)).not.toContain("agent@example.test");
    for (const who of ["agentNoRevoke", "bob"]) {
      await expect(getRevocationReceiptView(w.as(who), input)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getRevocationReceipt(w.as(who), input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
