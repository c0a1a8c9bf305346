import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { closeSupportRequest } from "@/server/support/close-support-request";
import { getSupportRequest } from "@/server/support/get-support-request";
import { listMySupportRequests } from "@/server/support/list-my-support-requests";
import { listSupportQueue } from "@/server/support/list-support-queue";
import { openSupportRequest } from "@/server/support/open-support-request";
import { replyToSupportRequest } from "@/server/support/reply-to-support-request";
import { issueTestCertificate, openWorld, type TestCertificate, type World } from "../public/world";

let w: World;
let aliceCert: TestCertificate;
let requestId: string;

beforeAll(async () => {
  w = await openWorld();
  aliceCert = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽" });
});
afterAll(async () => {
  await w?.close();
});

describe("support requests (clause 2.4)", () => {
  it("lets a subscriber open a request about her own certificate, and nobody else", async () => {
    const input = { subject: "证书无法加载", body: "在测试页面第一项失败，身份证号 11010519491231002X", certificateId: aliceCert.id };
    await expect(openSupportRequest(w.anonymous(), input)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(openSupportRequest(w.as("officer"), input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Bob cannot attach Alice's certificate (and cannot tell it exists).
    await expect(openSupportRequest(w.as("bob"), input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openSupportRequest(w.as("alice"), { ...input, subject: "" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const r = await openSupportRequest(w.as("alice"), input);
    requestId = r.requestId;
    const row = await w.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId }, include: { messages: true } });
    expect(row).toMatchObject({ userId: w.users.alice!.id, status: "OPEN", certificateId: aliceCert.id });
    expect(row.messages).toHaveLength(1);
    // The audit event carries no message text (personal data stays out of the evidence chain).
    const ev = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "support.opened" } });
    expect(JSON.stringify(ev.summary)).not.toContain("11010519491231002X");
  });

  it("shows the queue to staff only", async () => {
    await expect(listSupportQueue(w.as("alice"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listSupportQueue(w.as("auditor"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const q = await listSupportQueue(w.as("officer"), {});
    expect(q.map((r) => r.id)).toEqual([requestId]);
  });

  it("lets an officer answer (mailing the subscriber) and keep internal notes the subscriber never sees", async () => {
    w.clock.advance(60_000);
    const a = await replyToSupportRequest(w.as("officer"), { requestId, body: "请更新浏览器后重试。" });
    w.clock.advance(60_000);
    expect(a.status).toBe("ANSWERED");
    await replyToSupportRequest(w.as("admin"), { requestId, body: "内部：可能是旧版浏览器", internal: true });
    const mail = await w.db.prisma.notification.findMany({ where: { userId: w.users.alice!.id, template: "support.answered" } });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ toAddress: "alice@example.test", dedupeKey: `support-answer:${a.messageId}` });

    const mine = await getSupportRequest(w.as("alice"), { requestId });
    expect(mine.messages.map((m) => m.body)).toEqual(["在测试页面第一项失败，身份证号 11010519491231002X", "请更新浏览器后重试。"]);
    expect(mine.messages[1]).toMatchObject({ fromRequester: false, author: null });
    const staff = await getSupportRequest(w.as("officer"), { requestId });
    expect(staff.messages).toHaveLength(3);
    expect(staff.messages[2]).toMatchObject({ internal: true });
  });

  it("lets the subscriber reply (reopening it) but not write internal notes", async () => {
    await expect(replyToSupportRequest(w.as("alice"), { requestId, body: "x", internal: true })).rejects.toMatchObject({ code: "SUPPORT_STAFF_ONLY" });
    w.clock.advance(60_000);
    const r = await replyToSupportRequest(w.as("alice"), { requestId, body: "更新后可以了，谢谢。" });
    expect(r.status).toBe("OPEN");
    expect((await listMySupportRequests(w.as("alice"), {})).map((x) => x.id)).toEqual([requestId]);
  });

  it("shows a stranger nothing", async () => {
    await expect(getSupportRequest(w.as("bob"), { requestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(replyToSupportRequest(w.as("bob"), { requestId, body: "hi" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(closeSupportRequest(w.as("bob"), { requestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSupportRequest(w.as("agent"), { requestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listMySupportRequests(w.as("bob"), {})).toEqual([]);
  });

  it("closes once; a closed request takes no more messages from the desk (its requester's answer reopens it: support-desk.test.ts)", async () => {
    // The thread page offers a reply from the read model's can: the rule the reply and close use cases enforce.
    expect((await getSupportRequest(w.as("alice"), { requestId })).can).toMatchObject({ reply: { ok: true }, close: { ok: true } });
    await closeSupportRequest(w.as("alice"), { requestId });
    const closed = { ok: false, reason: "SUPPORT_REQUEST_CLOSED" };
    expect((await getSupportRequest(w.as("alice"), { requestId })).can).toMatchObject({ reply: { ok: true }, close: closed });
    expect((await getSupportRequest(w.as("officer"), { requestId })).can).toMatchObject({ reply: closed, close: closed });
    await expect(closeSupportRequest(w.as("officer"), { requestId })).rejects.toMatchObject({ code: "SUPPORT_REQUEST_CLOSED" });
    await expect(replyToSupportRequest(w.as("officer"), { requestId, body: "late" })).rejects.toMatchObject({ code: "SUPPORT_REQUEST_CLOSED" });
    expect((await w.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId } })).closedAt).toEqual(w.clock.now());
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
    const actions = (await w.db.prisma.auditEvent.findMany({ where: { subjectId: requestId }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["support.opened", "support.answered", "support.internal-note", "support.replied", "support.closed"]);
  });
});
