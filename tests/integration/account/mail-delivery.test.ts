import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { signUp } from "@/server/account/sign-up";
import { requestPasswordReset } from "@/server/account/request-password-reset";
import { deliverPendingNotifications, type MailTransport, type RenderedMail } from "@/server/core/outbox";
import { createMailRenderer } from "@/server/mail/templates";
import { startOutboxWorker } from "@/server/mail/worker";
import { makeCtx, tokenFromOutbox } from "./helpers";

let db: Database;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

function capture(): MailTransport & { sent: (RenderedMail & { to: string })[] } {
  const sent: (RenderedMail & { to: string })[] = [];
  return { sent, send: async (m) => void sent.push(m) };
}

describe("account mails", () => {
  it("renders the verification mail in the user's language with a link on the configured portal URL", async () => {
    const { ctx, clock } = makeCtx(db);
    await signUp(ctx(), { email: "mia@example.com", password: "mias password 1", locale: "zh-CN" });
    await signUp(ctx(), { email: "noah@example.com", password: "noahs password 1", locale: "en" });
    // Read before delivery: once sent, the stored payload no longer holds the token (link-tokens-at-rest.test.ts).
    const token = await tokenFromOutbox(db, "mia@example.com", "account.verify-email");
    const transport = capture();
    const report = await deliverPendingNotifications({ db: db.prisma, clock, transport, render: createMailRenderer("https://portal.example.cn") });
    expect(report.sent).toBe(2);

    const zh = transport.sent.find((m) => m.to === "mia@example.com");
    const en = transport.sent.find((m) => m.to === "noah@example.com");
    expect(zh?.subject).toContain("请验证您的邮箱");
    expect(en?.subject).toContain("Please verify your email address");
    expect(zh?.text).toContain(`https://portal.example.cn/verify-email?token=${token}`);
    expect(zh?.text).not.toMatch(/\{\w+\}/);
    expect(await db.prisma.notification.count({ where: { status: "SENT" } })).toBe(2);
  });

  it("the worker delivers reset mails as they are queued", async () => {
    const { ctx } = makeCtx(db, new Date());
    const transport = capture();
    const sent = transport.sent;
    const worker = startOutboxWorker({
      db: db.prisma,
      portalUrl: "http://localhost:3000",
      smtpUrl: undefined,
      mailFrom: "test@localhost",
      dropDir: "/nonexistent",
      intervalMs: 100,
      transport,
    });
    try {
      await requestPasswordReset(ctx(), { email: "noah@example.com" });
      for (let i = 0; i < 50 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(sent).toHaveLength(1);
      expect(sent[0]?.subject).toContain("Reset your password");
      expect(sent[0]?.text).toContain("http://localhost:3000/reset-password?token=");
    } finally {
      worker.stop();
    }
  });
});
