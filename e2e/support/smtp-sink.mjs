// A loopback SMTP server for the browser tests: accepts every message, parses it and writes it as one
// JSON file into MAIL_DIR, where e2e/support/mailbox.ts finds it. Started by playwright.config.ts.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const port = Number(process.env.SMTP_SINK_PORT);
const mailDir = process.env.MAIL_DIR;
if (!port || !mailDir) {
  console.error("smtp-sink: SMTP_SINK_PORT and MAIL_DIR are required");
  process.exit(2);
}
mkdirSync(mailDir, { recursive: true });

let sequence = 0;

function linksIn(text, html) {
  const found = new Set();
  for (const match of (html ?? "").matchAll(/href\s*=\s*["']([^"']+)["']/gi)) {
    found.add(match[1].replaceAll("&amp;", "&"));
  }
  for (const match of `${text ?? ""}\n${html ?? ""}`.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) {
    found.add(match[0].replaceAll("&amp;", "&"));
  }
  return [...found];
}

function addresses(field) {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value.map((entry) => entry.address?.toLowerCase()).filter(Boolean));
}

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        const html = typeof mail.html === "string" ? mail.html : "";
        const record = {
          to: [...new Set([...envelopeTo, ...addresses(mail.to)])],
          from: mail.from?.text ?? "",
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html,
          links: linksIn(mail.text, html),
          receivedAt: new Date().toISOString(),
        };
        sequence += 1;
        const name = `${Date.now()}-${String(sequence).padStart(6, "0")}.json`;
        const temporary = path.join(mailDir, `.${name}.tmp`);
        writeFileSync(temporary, JSON.stringify(record, null, 2));
        renameSync(temporary, path.join(mailDir, name));
        callback();
      })
      .catch((error) => callback(error));
  },
});

server.on("error", (error) => console.error(`smtp-sink: ${error.message}`));
server.listen(port, "127.0.0.1", () => console.log(`smtp-sink: listening on 127.0.0.1:${port}, writing to ${mailDir}`));

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
