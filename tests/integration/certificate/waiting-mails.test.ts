import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { listMyCertificates } from "@/server/certificate/list-my-certificates";
import { sweepTestWindowReminders } from "@/server/certificate/sweep-test-window-reminders";
import { createMailRenderer } from "@/server/mail/templates";
import { acceptFor, makeApplication, openWorld, sh, type World } from "./fixtures";

// Issue 15, item 3: issued and ready to download, received (test by when), the test window's last
// day, and accepted: each is mailed with a link that opens the addressee's page, in their language;
// an organisation's certificate is mailed to the agent who applied for it.

let w: World;
beforeAll(async () => {
  w = await openWorld();
  await w.db.prisma.user.update({ where: { id: w.users.bob!.id }, data: { locale: "en" } });
}, 120_000);
afterAll(async () => w?.close());

const render = createMailRenderer("https://portal.test");
const mail = (template: string, certificateId: string) =>
  w.db.prisma.notification.findMany({ where: { template, payload: { path: ["certificateId"], equals: certificateId } } });

describe("waiting mails of the certificate", () => {
  it("issued, delivered, the window's last day and accepted, in English for an English reader", async () => {
    // Issued Thursday 2026-03-05.
    w.clock.set(sh("2026-03-05 09:00"));
    const { applicationId } = await makeApplication(w, { applicant: "bob" });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
    const [issued] = await mail("waiting.issued", certificateId);
    expect(issued).toMatchObject({ toAddress: "bob@example.test", locale: "en", userId: w.users.bob!.id });
    expect(render(issued!).text).toContain(`Download the certificate:\nhttps://portal.test/certificates/${certificateId}`);
    // The dashboard: the download is the next step, and the year-away expiry is not the deadline.
    const listed = (await listMyCertificates(w.as("bob"), {})).find((c) => c.id === certificateId)!;
    expect(listed.next).toEqual({ step: "DOWNLOAD", actor: "APPLICANT", certificateId });
    expect(listed.deadline).toBeNull();

    // Downloaded Friday 10:00: the window ends at 24:00 of Tuesday 10 March (Mon 9, Tue 10).
    w.clock.set(sh("2026-03-06 10:00"));
    await acceptFor(w, "bob", "DOWNLOAD");
    await downloadCertificate(w.as("bob"), { certificateId });
    const [delivered] = await mail("waiting.delivered", certificateId);
    expect(delivered!.payload).toMatchObject({ lastWorkingDay: "2026-03-10", path: `/certificates/${certificateId}/test` });
    const text = render(delivered!).text;
    expect(text).toContain("by the end of 2026-03-10 (24:00 Beijing time)");
    expect(text).toContain(`https://portal.test/certificates/${certificateId}/test`);
    expect(text).not.toMatch(/\{\w+\}|\d{2}:\d{2}:\d{2}(\.\d+)?Z/);

    // Monday: not yet the last day, no reminder. Tuesday: one reminder, and a second run adds none.
    w.clock.set(sh("2026-03-09 12:00"));
    expect((await sweepTestWindowReminders(w.db.prisma, w.clock)).reminded).not.toContain(certificateId);
    w.clock.set(sh("2026-03-10 08:00"));
    expect((await sweepTestWindowReminders(w.db.prisma, w.clock)).reminded).toContain(certificateId);
    expect((await sweepTestWindowReminders(w.db.prisma, w.clock)).reminded).not.toContain(certificateId);
    const reminders = await mail("waiting.test-window-ending", certificateId);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ locale: "en", toAddress: "bob@example.test" });
    expect(render(reminders[0]!).text).toContain("ends at the end of 2026-03-10 (24:00 Beijing time)");
    expect(await w.db.prisma.auditEvent.count({ where: { action: "certificate.test-window-reminded", subjectId: certificateId } })).toBe(1);

    await acceptCertificate(w.as("bob"), { certificateId });
    const [accepted] = await mail("waiting.accepted", certificateId);
    expect(accepted).toMatchObject({ locale: "en", toAddress: "bob@example.test" });
    expect(render(accepted!).text).toContain(`https://portal.test/certificates/${certificateId}`);
    expect((await listMyCertificates(w.as("bob"), {})).find((c) => c.id === certificateId)!.next).toBeNull();
  });

  it("an accepted certificate gets no reminder; an organisation's certificate is mailed to the agent who applied", async () => {
    w.clock.set(sh("2026-03-16 09:00"));
    const org = await w.db.prisma.organisation.create({ data: { name: "示例科技有限公司", unifiedSocialCreditCode: "91350100M000100Y43" } });
    const { applicationId } = await makeApplication(w, {
      applicant: "agent",
      organisationId: org.id,
      profile: "organization-seal",
      subjectDetails: { usageScope: { kind: "系统", name: "电子印章系统" }, sealName: "示例科技有限公司合同专用章" },
    });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
    const [issued] = await mail("waiting.issued", certificateId);
    expect(issued).toMatchObject({ toAddress: "agent@example.test", locale: "zh-CN", userId: w.users.agent!.id });
    expect(render(issued!).text).toContain("您申请的证书（申请编号");

    // Alice's certificate, received and accepted at once: its window's last day passes in silence.
    const own = await makeApplication(w, { applicant: "alice" });
    const { certificateId: aliceCert } = await issueCertificate(w.as("officer"), { applicationId: own.applicationId });
    await acceptFor(w, "alice", "DOWNLOAD");
    await downloadCertificate(w.as("alice"), { certificateId: aliceCert });
    await acceptCertificate(w.as("alice"), { certificateId: aliceCert });
    w.clock.set(sh("2026-03-18 08:00"));
    expect((await sweepTestWindowReminders(w.db.prisma, w.clock)).reminded).not.toContain(aliceCert);
    expect(await mail("waiting.test-window-ending", aliceCert)).toHaveLength(0);
    const [accepted] = await mail("waiting.accepted", aliceCert);
    expect(render(accepted!).text).toContain("确认接受证书");
  });

  it("every certificate on its window's last day is reminded, also past the first batch (those reminded do not hold the batch)", async () => {
    // Both received on Monday 23 March: the windows end at 24:00 of Wednesday 25 March.
    w.clock.set(sh("2026-03-23 09:00"));
    const ids: string[] = [];
    for (const applicant of ["alice", "bob"]) {
      const { applicationId } = await makeApplication(w, { applicant });
      const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
      await downloadCertificate(w.as(applicant), { certificateId });
      ids.push(certificateId);
    }
    w.clock.set(sh("2026-03-25 08:00"));
    const first = await sweepTestWindowReminders(w.db.prisma, w.clock, { batchSize: 1 });
    const second = await sweepTestWindowReminders(w.db.prisma, w.clock, { batchSize: 1 });
    expect([...first.reminded, ...second.reminded].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await mail("waiting.test-window-ending", id)).toHaveLength(1);
  });
});
