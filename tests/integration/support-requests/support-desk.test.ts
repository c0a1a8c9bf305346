import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/client";
import { verifyAuditChain } from "@/server/core/audit";
import { exportMyData } from "@/server/privacy/export-my-data";
import { assignSupportRequest } from "@/server/support/assign-support-request";
import { closeSupportRequest } from "@/server/support/close-support-request";
import { getSupportRequest } from "@/server/support/get-support-request";
import { listSupportQueue } from "@/server/support/list-support-queue";
import { openSupportRequest } from "@/server/support/open-support-request";
import { replyToSupportRequest } from "@/server/support/reply-to-support-request";
import { issueTestCertificate, openWorld, T0, type World } from "../public/world";

// The support desk (issue 14 item 1): who sees which request (an RA's officers, the central
// office, CA administrators), assignment, internal notes, the answer clock in working days, the
// mails both ways, and reopening by the requester's answer. T0 is Monday 2 March 2026, 10:00 in
// Shanghai; the world has no calendar rows, so weekdays are working days (provisionally).

let w: World;
let north: string;
let south: string;
let aliceRequest: string;
let bobRequest: string;
const NOTE = "内部：已电话联系用户，系浏览器插件问题";

async function addUser(name: string, roles: Role[], registrationAuthorityId: string | null) {
  const u = await w.db.prisma.user.create({
    data: { email: `${name}@example.test`, passwordHash: "x", roles, emailVerifiedAt: T0, displayName: name, registrationAuthorityId },
  });
  w.users[name] = { id: u.id, roles };
}

const mails = (template: string) => w.db.prisma.notification.findMany({ where: { template }, orderBy: { createdAt: "asc" } });
const emailsOf = async (template: string) => (await mails(template)).map((n) => n.toAddress).sort();
const row = (id: string) => w.db.prisma.supportRequest.findUniqueOrThrow({ where: { id }, include: { messages: { orderBy: { createdAt: "asc" } } } });

beforeAll(async () => {
  w = await openWorld();
  north = (await w.db.prisma.registrationAuthority.create({ data: { name: "北区受理点" } })).id;
  south = (await w.db.prisma.registrationAuthority.create({ data: { name: "南区受理点" } })).id;
  await addUser("northOfficer", ["RA_OFFICER"], north);
  await addUser("southOfficer", ["RA_OFFICER"], south);
  // Alice's certificate came through the north RA: her requests about it are the north desk's.
  const cert = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽" });
  const profile = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id }, select: { profileId: true } });
  const app = await w.db.prisma.application.create({
    data: { kind: "NEW", applicantId: w.users.alice!.id, subjectType: "INDIVIDUAL", profileId: profile.profileId, registrationAuthorityId: north },
  });
  await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { applicationId: app.id } });
  aliceRequest = (await openSupportRequest(w.as("alice"), { subject: "证书无法加载", body: "第一项测试失败", certificateId: cert.id })).requestId;
  w.clock.advance(60_000);
  bobRequest = (await openSupportRequest(w.as("bob"), { subject: "发票问题", body: "请问如何开具发票？" })).requestId;
});
afterAll(async () => {
  await w?.close();
});

describe("the support desk", () => {
  it("tells the officers whose desk holds a new request, and starts its clock", async () => {
    // Alice's (north RA): the north officer and the central office; Bob's (no RA): every officer.
    const created = await mails("support.desk-new");
    const forAlice = created.filter((n) => (n.payload as { path: string }).path === `/ra/support/${aliceRequest}`).map((n) => n.toAddress).sort();
    expect(forAlice).toEqual(["northOfficer@example.test", "officer@example.test"]);
    const forBob = created.filter((n) => (n.payload as { path: string }).path === `/ra/support/${bobRequest}`).map((n) => n.toAddress).sort();
    expect(forBob).toEqual(["northOfficer@example.test", "officer@example.test", "southOfficer@example.test"]);
    expect((await row(aliceRequest)).awaitingStaffSince).toEqual(T0);
  });

  it("shows each desk its reach, oldest first, with the SLA in working days", async () => {
    const ids = async (who: string, view?: "open" | "mine" | "closed") => (await listSupportQueue(w.as(who), view ? { view } : {})).map((r) => r.id);
    expect(await ids("northOfficer")).toEqual([aliceRequest, bobRequest]);
    expect(await ids("officer")).toEqual([aliceRequest, bobRequest]);
    expect(await ids("admin")).toEqual([aliceRequest, bobRequest]);
    expect(await ids("southOfficer")).toEqual([bobRequest]);
    await expect(listSupportQueue(w.as("auditor"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listSupportQueue(w.as("alice"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listSupportQueue(w.as("officer"), { view: "everything" } as never)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const [first] = await listSupportQueue(w.as("northOfficer"), {});
    // Opened Monday 10:00: due at the end of Tuesday, one working day left.
    expect(first).toMatchObject({ status: "OPEN", requester: "alice", assignedTo: null, sla: { state: "remaining", workingDays: 1, dueAt: new Date("2026-03-03T16:00:00Z"), provisional: true } });
    // A CA administrator reads any request as the desk (with the clock and whom it may go to).
    const asAdmin = await getSupportRequest(w.as("admin"), { requestId: aliceRequest });
    expect(asAdmin.side).toBe("staff");
    expect(asAdmin.desk?.assignable.map((o) => o.displayName).sort()).toEqual(["northOfficer", "officer"]);
    // The inbox carries subjects, never message texts.
    expect(JSON.stringify(first)).not.toContain("第一项测试失败");
  });

  it("keeps another RA's officer out of a request entirely, writing nothing", async () => {
    const before = await row(aliceRequest);
    await expect(getSupportRequest(w.as("southOfficer"), { requestId: aliceRequest })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(replyToSupportRequest(w.as("southOfficer"), { requestId: aliceRequest, body: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(assignSupportRequest(w.as("southOfficer"), { requestId: aliceRequest })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(closeSupportRequest(w.as("southOfficer"), { requestId: aliceRequest })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await row(aliceRequest)).toEqual(before);
  });

  it("assigns: take, hand to an officer of the same desk only", async () => {
    await expect(assignSupportRequest(w.as("alice"), { requestId: aliceRequest })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await assignSupportRequest(w.as("northOfficer"), { requestId: aliceRequest });
    await expect(assignSupportRequest(w.as("northOfficer"), { requestId: aliceRequest })).rejects.toMatchObject({ code: "SUPPORT_ALREADY_ASSIGNED_TO_YOU" });
    for (const who of ["southOfficer", "alice", "auditor", "admin"]) {
      await expect(assignSupportRequest(w.as("northOfficer"), { requestId: aliceRequest, assigneeId: w.users[who]!.id })).rejects.toMatchObject({ code: "SUPPORT_ASSIGNEE_NOT_ALLOWED" });
    }
    await expect(assignSupportRequest(w.as("northOfficer"), { requestId: aliceRequest, assigneeId: "not-a-uuid" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await row(aliceRequest)).assignedToId).toBe(w.users.northOfficer!.id);
    await assignSupportRequest(w.as("northOfficer"), { requestId: aliceRequest, assigneeId: w.users.officer!.id });
    expect((await row(aliceRequest)).assignedToId).toBe(w.users.officer!.id);
    expect((await listSupportQueue(w.as("officer"), { view: "mine" })).map((r) => r.id)).toEqual([aliceRequest]);
    expect(await listSupportQueue(w.as("northOfficer"), { view: "mine" })).toEqual([]);
    const events = await w.db.prisma.auditEvent.findMany({ where: { subjectId: aliceRequest, action: "support.assigned" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.summary)).toEqual([
      { assigneeId: w.users.northOfficer!.id, previousAssigneeId: null, by: "self" },
      { assigneeId: w.users.officer!.id, previousAssigneeId: w.users.northOfficer!.id, by: "other" },
    ]);
    // The subscriber sees who handles it.
    expect((await getSupportRequest(w.as("alice"), { requestId: aliceRequest })).handledBy).toMatchObject({ displayName: "officer" });
  });

  it("keeps internal notes from the subscriber in every read model and the data export", async () => {
    w.clock.advance(60_000);
    const note = await replyToSupportRequest(w.as("northOfficer"), { requestId: aliceRequest, body: NOTE, internal: true });
    // A note is not an answer: the request still waits for the desk, its clock unchanged.
    expect(note.status).toBe("OPEN");
    expect((await row(aliceRequest)).awaitingStaffSince).toEqual(T0);
    const staff = await getSupportRequest(w.as("officer"), { requestId: aliceRequest });
    expect(staff.messages.map((m) => [m.body, m.internal])).toEqual([["第一项测试失败", false], [NOTE, true]]);
    expect(staff.can).toMatchObject({ reply: { ok: true }, note: { ok: true }, take: { ok: false, reason: "SUPPORT_ALREADY_ASSIGNED_TO_YOU" }, close: { ok: true } });
    expect((await getSupportRequest(w.as("northOfficer"), { requestId: aliceRequest })).can.take).toEqual({ ok: true });
    const mine = await getSupportRequest(w.as("alice"), { requestId: aliceRequest });
    expect(JSON.stringify(mine)).not.toContain(NOTE);
    expect(mine.desk).toBeNull();
    expect(mine.can).toMatchObject({ note: { ok: false, reason: "SUPPORT_STAFF_ONLY" } });
    const exported = await exportMyData(w.as("alice"), {});
    expect(JSON.stringify(exported)).toContain("第一项测试失败");
    expect(JSON.stringify(exported)).not.toContain(NOTE);
    expect(await mails("support.answered")).toEqual([]);
  });

  it("answers (mailing the subscriber, stopping the clock) and closes (mailing again)", async () => {
    w.clock.advance(60_000);
    const a = await replyToSupportRequest(w.as("officer"), { requestId: aliceRequest, body: "请更换浏览器后重试。" });
    expect(a.status).toBe("ANSWERED");
    expect(await row(aliceRequest)).toMatchObject({ status: "ANSWERED", awaitingStaffSince: null });
    expect((await listSupportQueue(w.as("officer"), {})).find((r) => r.id === aliceRequest)?.sla).toBeNull();
    expect(await mails("support.answered")).toMatchObject([{ toAddress: "alice@example.test", payload: { path: `/support/${aliceRequest}` }, dedupeKey: `support-answer:${a.messageId}` }]);
    await closeSupportRequest(w.as("officer"), { requestId: aliceRequest });
    expect(await row(aliceRequest)).toMatchObject({ status: "CLOSED", closedAt: w.clock.now(), awaitingStaffSince: null });
    expect(await mails("support.closed")).toMatchObject([{ toAddress: "alice@example.test", payload: { path: `/support/${aliceRequest}` } }]);
    expect((await listSupportQueue(w.as("officer"), { view: "closed" })).map((r) => r.id)).toEqual([aliceRequest]);
    expect((await listSupportQueue(w.as("officer"), {})).map((r) => r.id)).toEqual([bobRequest]);
    // Closed: the desk can neither answer nor close again nor take it; a note is still possible.
    const messages = (await row(aliceRequest)).messages.length;
    await expect(replyToSupportRequest(w.as("officer"), { requestId: aliceRequest, body: "late" })).rejects.toMatchObject({ code: "SUPPORT_REQUEST_CLOSED" });
    await expect(closeSupportRequest(w.as("officer"), { requestId: aliceRequest })).rejects.toMatchObject({ code: "SUPPORT_REQUEST_CLOSED" });
    await expect(assignSupportRequest(w.as("northOfficer"), { requestId: aliceRequest })).rejects.toMatchObject({ code: "SUPPORT_REQUEST_CLOSED" });
    expect((await row(aliceRequest)).messages).toHaveLength(messages);
    expect((await getSupportRequest(w.as("alice"), { requestId: aliceRequest })).can.reply).toEqual({ ok: true });
  });

  it("reopens when the subscriber answers a closed request, mailing only the officer handling it", async () => {
    // Friday evening: the clock restarts and skips the weekend.
    w.clock.set(new Date("2026-03-06T10:30:00Z"));
    const r = await replyToSupportRequest(w.as("alice"), { requestId: aliceRequest, body: "换了浏览器还是不行。" });
    expect(r.status).toBe("OPEN");
    expect(await row(aliceRequest)).toMatchObject({ status: "OPEN", closedAt: null, awaitingStaffSince: new Date("2026-03-06T10:30:00Z"), assignedToId: w.users.officer!.id });
    expect(await emailsOf("support.desk-answered")).toEqual(["officer@example.test"]);
    expect((await mails("support.desk-answered"))[0]!.payload).toMatchObject({ path: `/ra/support/${aliceRequest}` });
    const sla = (at: string) => {
      w.clock.set(new Date(at));
      return listSupportQueue(w.as("officer"), {}).then((q) => q.find((x) => x.id === aliceRequest)!.sla);
    };
    expect(await sla("2026-03-07T04:00:00Z")).toMatchObject({ state: "remaining", workingDays: 1 });
    expect(await sla("2026-03-09T04:00:00Z")).toMatchObject({ state: "remaining", workingDays: 0 });
    expect(await sla("2026-03-10T04:00:00Z")).toMatchObject({ state: "overdue", workingDays: 1 });
    // Bob's request, never answered since Monday, is overdue by 5 working days by Tuesday of the next week.
    expect((await listSupportQueue(w.as("officer"), {})).find((x) => x.id === bobRequest)!.sla).toMatchObject({ state: "overdue", workingDays: 5 });
  });

  it("records every step in the audit chain, without message texts", async () => {
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
    const events = await w.db.prisma.auditEvent.findMany({ where: { subjectId: aliceRequest }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "support.opened",
      "support.assigned",
      "support.assigned",
      "support.internal-note",
      "support.answered",
      "support.closed",
      "support.reopened",
    ]);
    expect(JSON.stringify(events.map((e) => e.summary))).not.toContain("内部");
  });

  it("mails the desk when the request's handler is no officer it would mail (a CA administrator took it)", async () => {
    await assignSupportRequest(w.as("admin"), { requestId: bobRequest });
    await replyToSupportRequest(w.as("bob"), { requestId: bobRequest, body: "还在等发票的答复。" });
    const toDesk = (await mails("support.desk-answered")).filter((n) => (n.payload as { path?: string }).path === `/ra/support/${bobRequest}`);
    // Bob's request belongs to no RA: every officer's desk holds it, so none of them misses his answer.
    expect(toDesk.map((n) => n.toAddress).sort()).toEqual(["northOfficer@example.test", "officer@example.test", "southOfficer@example.test"]);
  });
});
