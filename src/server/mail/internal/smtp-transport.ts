import nodemailer from "nodemailer";
import type { MailTransport } from "@/server/core";

/**
 * Sends through the SMTP server in `smtpUrl` (smtp://user:pass@host:port, smtps:// for TLS).
 * The Message-ID comes from the outbox so that a resend after a crash is recognisable.
 */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
  };
}
