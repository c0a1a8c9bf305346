// The approval mail says what happens next: with a browser key (CSR) the certificate is issued
// after any fee; with a server-made key the subscriber sets the PKCS#12 password on the
// application page (clause 1.3), which is what issues it, so that mail says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailRenderer } from "@/server/mail/templates";
import { approveApplication } from "@/server/ra/approve-application";
import { makeApplication, openWorld, type World } from "../certificate/fixtures";

let w: World;
beforeAll(async () => {
  w = await openWorld();
}, 120_000);
afterAll(async () => w?.close());

const render = createMailRenderer("https://portal.test");

async function approvedMail(keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12") {
  const { applicationId } = await makeApplication(w, { applicant: "alice", status: "SUBMITTED", keyGeneration });
  await approveApplication(w.as("officer"), { applicationId });
  const mail = await w.db.prisma.notification.findFirstOrThrow({ where: { payload: { path: ["applicationId"], equals: applicationId } } });
  return { applicationId, mail };
}

describe("approval mail", () => {
  it("tells a server-key subscriber to set the PKCS#12 password on the application page, in both languages", async () => {
    const { applicationId, mail } = await approvedMail("SERVER_PKCS12");
    expect(mail.template).toBe("application.approved-server-key");
    const zh = render({ template: mail.template, locale: "zh-CN", payload: mail.payload });
    expect(zh.text).toContain("请在申请页面设置 PKCS#12 文件密码");
    expect(zh.text).toContain(`https://portal.test/applications/${applicationId}`);
    expect(zh.text).not.toMatch(/\{\w+\}/);
    const en = render({ template: mail.template, locale: "en", payload: mail.payload });
    expect(en.text).toContain("set the PKCS#12 file password on the application page");
    expect(en.text).not.toMatch(/\{\w+\}/);
  });

  it("keeps the plain approval mail for a key made by the subscriber", async () => {
    const { mail } = await approvedMail("CLIENT_CSR");
    expect(mail.template).toBe("application.approved");
    expect(render({ template: mail.template, locale: "zh-CN", payload: mail.payload }).text).not.toContain("PKCS#12");
  });
});
