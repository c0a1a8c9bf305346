import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type Database } from "../support/test-db";
import { signUp } from "@/server/account/sign-up";
import { requestPasswordReset } from "@/server/account/request-password-reset";
import { verifyEmail } from "@/server/account/verify-email";
import { deliverPendingNotifications, enqueueNotification, withoutLinkSecrets, type MailTransport, type RenderedMail } from "@/server/core/outbox";
import { exportMyData } from "@/server/privacy/export-my-data";
import { createMailRenderer } from "@/server/mail/templates";
import { makeCtx } from "./helpers";

// Issue 12: the raw verification and reset tokens live in the outbox only until the mail is out;
// the data export never shows one; rows stored before are cleaned by a data migration.

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

const tokenIn = (text: string | undefined) => /[?&]token=([A-Za-z0-9_-]{20,})/.exec(text ?? "")?.[1];
const paths = async (to: string) =>
  (await db.prisma.notification.findMany({ where: { toAddress: to }, orderBy: { createdAt: "asc" } })).map((n) => ({ status: n.status, path: (n.payload as { path?: string }).path }));

describe("one-time link tokens at rest", () => {
  it("are removed from the stored payload once the mail is sent; the mailed link still works", async () => {
    const { ctx, clock } = makeCtx(db);
    await signUp(ctx(), { email: "lena@example.com", password: "lenas password 1", locale: "en" });
    const before = await paths("lena@example.com");
    expect(before).toEqual([{ status: "PENDING", path: expect.stringMatching(/^\/verify-email\?token=[A-Za-z0-9_-]{20,}$/) }]);

    const transport = capture();
    await deliverPendingNotifications({ db: db.prisma, clock, transport, render: createMailRenderer("https://portal.example.cn") });
    const mailed = tokenIn(transport.sent.find((m) => m.to === "lena@example.com")?.text);
    expect(mailed).toBeTruthy();
    expect(await paths("lena@example.com")).toEqual([{ status: "SENT", path: "/verify-email?token=redacted" }]);
    const row = await db.prisma.notification.findFirstOrThrow({ where: { toAddress: "lena@example.com" } });
    expect(JSON.stringify(row)).not.toContain(mailed!);
    expect((await verifyEmail(ctx(), { token: mailed! })).alreadyVerified).toBe(false);

    await requestPasswordReset(ctx(), { email: "lena@example.com" });
    await deliverPendingNotifications({ db: db.prisma, clock, transport, render: createMailRenderer("https://portal.example.cn") });
    const resetMail = transport.sent.filter((m) => m.to === "lena@example.com").at(-1);
    expect(resetMail?.text).toContain("https://portal.example.cn/reset-password?token=");
    expect((await paths("lena@example.com")).map((p) => p.path)).toEqual(["/verify-email?token=redacted", "/reset-password?token=redacted"]);
  });

  it("a mail given up on (FAILED) loses its token too", async () => {
    const { ctx, clock } = makeCtx(db);
    await signUp(ctx(), { email: "otto@example.com", password: "ottos password 1", locale: "en" });
    const failing: MailTransport = { send: async () => Promise.reject(new Error("550 no such user")) };
    await db.prisma.notification.updateMany({ where: { toAddress: "otto@example.com" }, data: { attempts: 7 } });
    await deliverPendingNotifications({ db: db.prisma, clock, transport: failing, render: createMailRenderer("https://portal.example.cn") });
    expect(await paths("otto@example.com")).toEqual([{ status: "FAILED", path: "/verify-email?token=redacted" }]);
  });

  it("never appear in the data export, even for a mail still waiting to go out", async () => {
    const { ctx } = makeCtx(db);
    await signUp(ctx(), { email: "pia@example.com", password: "pias password 1", locale: "en" });
    const user = await db.prisma.user.update({ where: { email: "pia@example.com" }, data: { emailVerifiedAt: new Date() } });
    await requestPasswordReset(ctx(), { email: "pia@example.com" });
    const pending = await paths("pia@example.com");
    expect(pending.map((p) => p.status)).toEqual(["PENDING", "PENDING"]);
    const raw = pending.map((p) => new URL(p.path!, "http://x").searchParams.get("token")!);

    const x = await exportMyData(ctx({ actor: { userId: user.id, roles: ["SUBSCRIBER"] } }), {});
    expect(x.notifications.map((n) => (n.payload as { path?: string }).path).sort()).toEqual(["/reset-password?token=redacted", "/verify-email?token=redacted"]);
    const text = JSON.stringify(x);
    for (const t of raw) expect(text).not.toContain(t);
    // The outbox still has them: the worker needs them to send the mails.
    expect((await paths("pia@example.com")).every((p) => !p.path!.endsWith("=redacted"))).toBe(true);
  });

  it("stored before this change are cleaned by the data migration (sent and failed rows; pending ones kept)", async () => {
    const dir = path.resolve("prisma/migrations");
    const name = readdirSync(dir).find((d) => d.endsWith("_redact_notification_tokens"));
    expect(name).toBeTruthy();
    const sql = readFileSync(path.join(dir, name!, "migration.sql"), "utf8");
    const now = new Date();
    const rows = [
      { key: "old-sent", status: "SENT", payload: { path: "/verify-email?token=SENTSENTSENTSENTSENT1234" } },
      { key: "old-failed", status: "FAILED", payload: { path: "/reset-password?token=FAILFAILFAILFAILFAIL1234&x=1", other: "kept" } },
      { key: "old-pending", status: "PENDING", payload: { path: "/reset-password?token=PENDPENDPENDPENDPEND1234" } },
      { key: "old-plain", status: "SENT", payload: { path: "/support/abc", subject: "token=not-a-link" } },
    ] as const;
    for (const r of rows) {
      await enqueueNotification(db.prisma, { toAddress: "old@example.com", locale: "en", template: "t", payload: r.payload, dedupeKey: `mig:${r.key}` }, now);
      await db.prisma.notification.update({ where: { dedupeKey: `mig:${r.key}` }, data: { status: r.status } });
    }
    await db.prisma.$executeRawUnsafe(sql);
    const after = Object.fromEntries(
      (await db.prisma.notification.findMany({ where: { toAddress: "old@example.com" } })).map((n) => [n.dedupeKey.slice(4), n.payload]),
    );
    expect(after).toEqual({
      "old-sent": { path: "/verify-email?token=redacted" },
      "old-failed": { path: "/reset-password?token=redacted&x=1", other: "kept" },
      "old-pending": { path: "/reset-password?token=PENDPENDPENDPENDPEND1234" },
      "old-plain": { path: "/support/abc", subject: "token=not-a-link" },
    });
    // The migration and the worker agree on what a cleaned payload is.
    expect(withoutLinkSecrets(rows[1].payload)).toEqual(after["old-failed"]);
  });
});
