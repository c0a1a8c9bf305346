import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MailTransport } from "@/server/core";

/**
 * Without SMTP_URL (the embedded default on a laptop) mails are written as text files into a
 * folder under the data directory, readable only by the owner, so that a new user can still
 * find the verification link. The log says where, never what.
 */
export function fileTransport(dir: string, from: string): MailTransport {
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.messageId.replace(/[^A-Za-z0-9.-]/g, "_")}.txt`;
      const body = [`From: ${from}`, `To: ${mail.to}`, `Subject: ${mail.subject}`, `Message-ID: ${mail.messageId}`, "", mail.text, ""].join("\n");
      await writeFile(path.join(dir, name), body, { mode: 0o600 });
    },
  };
}
