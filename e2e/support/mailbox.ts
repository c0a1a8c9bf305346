// Reads the mails that the SMTP sink (e2e/support/smtp-sink.mjs) caught during this test run.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { e2eRun } from "./run";

export type CaughtMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  receivedAt: string;
};

export type WaitForMailOptions = {
  /** Recipient address (case-insensitive). */
  to: string;
  subjectIncludes?: string;
  /** Only mails received at or after this moment. */
  since?: Date;
  timeoutMs?: number;
};

// Mails already handed out in this worker: asking twice for the same kind of mail gives the next one.
const delivered = new Set<string>();

function readMails(): Array<{ file: string; mail: CaughtMail }> {
  const { mailDir } = e2eRun();
  let names: string[];
  try {
    names = readdirSync(mailDir).filter((name) => name.endsWith(".json") && !name.startsWith("."));
  } catch {
    return [];
  }
  return names.sort().map((file) => ({ file, mail: JSON.parse(readFileSync(path.join(mailDir, file), "utf8")) as CaughtMail }));
}

/** Waits for the earliest not yet returned mail to `to` that matches; fails after `timeoutMs` (15 s). */
export async function waitForMail(options: WaitForMailOptions): Promise<CaughtMail> {
  const to = options.to.toLowerCase();
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = readMails().find(
      ({ file, mail }) =>
        !delivered.has(file) &&
        mail.to.includes(to) &&
        (options.subjectIncludes === undefined || mail.subject.includes(options.subjectIncludes)) &&
        (options.since === undefined || new Date(mail.receivedAt) >= options.since),
    );
    if (match) {
      delivered.add(match.file);
      return match.mail;
    }
    if (Date.now() > deadline) {
      const seen = readMails().map(({ mail }) => `${mail.to.join(",")}: ${mail.subject}`);
      throw new Error(
        `No mail to ${to}${options.subjectIncludes ? ` with "${options.subjectIncludes}" in the subject` : ""} ` +
          `within ${timeoutMs} ms. Caught so far: ${seen.length ? seen.join(" | ") : "none"}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
