import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../../messages/en.json";
import { createMailRenderer } from "@/server/mail/templates";

// Issue 13 item 9: every link a mail sends opens a page of the portal. The paths are read from the
// code (every `path:` literal in src/server); which template carries which is the list below, and
// the test fails when the list and the code disagree, or when a link is not a page under src/app.

const ROOT = path.resolve(import.meta.dirname, "../../..");
const BASE = "https://portal.example";

/** Each mail template and the path its sender passes, `:id` for a value filled in at run time. */
const PATH_OF: Record<string, string | string[]> = {
  "account.verify-email": "/verify-email?token=:id",
  "account.reset-password": "/reset-password?token=:id",
  "account.second-factor-reset": "/account/security",
  // Someone tried to sign up with an address that has an account: its owner is pointed to sign-in (and "忘记密码" there).
  "account.sign-up-existing": "/sign-in",
  "application.approved": "/applications/:id",
  "application.approved-server-key": "/applications/:id",
  "application.rejected": "/applications/:id",
  "application.needs-info": "/applications/:id",
  "certificate.deemed-accepted": "/certificates/:id",
  // Issue 15: every step a subscriber waits on; the received certificate's mails open its test page.
  "waiting.submitted": "/applications/:id",
  "waiting.submitted-payment-due": "/applications/:id",
  "waiting.payment-recorded": "/applications/:id",
  "waiting.payment-recorded-next": "/applications/:id",
  "waiting.issued": "/certificates/:id",
  "waiting.delivered": "/certificates/:id/test",
  "waiting.test-window-ending": "/certificates/:id/test",
  "waiting.accepted": "/certificates/:id",
  // A CHANGE resolution leads straight to the certificate page's change card.
  "certificate.objection-resolved": ["/certificates/:id", "/certificates/:id#change"],
  "revocation.suspended": "/certificates/:id",
  "revocation.request-received": "/certificates/:id",
  "revocation.request-compliant": "/certificates/:id",
  "revocation.revoked": "/certificates/:id",
  "revocation.request-rejected": "/certificates/:id",
  "revocation.hold-released": "/certificates/:id",
  "revocation.revoked-by-ca": "/certificates/:id",
  "revocation.sla-due-soon": "/ra/revocations/:id",
  "revocation.sla-overdue": "/ra/revocations/:id",
  "revocation.key-compromise-cascaded": "/certificates/:id",
  "support.answered": "/support/:id",
  "support.closed": "/support/:id",
  "support.desk-new": "/ra/support/:id",
  "support.desk-answered": "/ra/support/:id",
  "privacy.deletion-processed": "/my-data",
  "privacy.cessation-notice": "/my-data",
  "renewal.expiry-reminder": "/certificates/:id",
  "renewal.predecessor-superseded": "/certificates/:id",
  "organisation.agent-letter-checked": "/agent",
  "organisation.agent-letter-rejected": "/organisations",
  "organisation.agent-authorisation-withdrawn": "/organisations",
  "approval.waiting": "/admin/approvals/:id",
  "update-notice.ordered": "/update-notices",
  "update-notice.ordered-no-revocation": "/update-notices",
  "update-notice.reminder": "/update-notices",
  "update-notice.reminder-no-revocation": "/update-notices",
  "update-notice.revoked-at-deadline": "/update-notices",
  // Certificate problem reports: the reporter (no account) gets the capability link of the status page, the subscriber the certificate.
  "problem-report.received": "/report-problem/status?token=:id",
  "problem-report.preliminary-reporter": "/report-problem/status?token=:id",
  "problem-report.revoked-reporter": "/report-problem/status?token=:id",
  "problem-report.no-action-reporter": "/report-problem/status?token=:id",
  "problem-report.preliminary-subscriber": "/certificates/:id",
  "problem-report.revoked-subscriber": "/certificates/:id",
  "problem-report.no-action-subscriber": "/certificates/:id",
  "problem-report.preliminary-due-soon": "/ra/problem-reports/:id",
  "problem-report.preliminary-overdue": "/ra/problem-reports/:id",
};

function filesUnder(dir: string, keep: (p: string) => boolean): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    return statSync(p).isDirectory() ? filesUnder(p, keep) : keep(p) ? [p] : [];
  });
}

/**
 * Every portal path a `path:` in the server code can take, `${...}` written as `:id`: each string
 * or template literal starting with "/" in the expression after `path:` (so both arms of a
 * conditional count), up to the end of its line.
 */
function pathsInCode(): Set<string> {
  const found = new Set<string>();
  for (const file of filesUnder(path.join(ROOT, "src/server"), (p) => p.endsWith(".ts"))) {
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(/\bpath: *([^\n]*)/g)) {
      for (const lit of m[1]!.matchAll(/"(\/[^"]*)"|`(\/[^`]*)`/g)) found.add((lit[1] ?? lit[2]!).replace(/\$\{[^}]+\}/g, ":id"));
    }
  }
  return found;
}

/** The mail templates in a message file: every `mail.<a>.<b>` with a subject and a body. */
function templatesIn(messages: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, prefix: string[]) => {
    if (typeof node !== "object" || node === null) return;
    const n = node as Record<string, unknown>;
    if (typeof n.subject === "string" && typeof n.body === "string") out.push(prefix.join("."));
    else for (const [k, v] of Object.entries(n)) walk(v, [...prefix, k]);
  };
  walk((messages as { mail: unknown }).mail, []);
  return out.sort();
}

/** The pages of the app (page.tsx), as patterns: [x] one segment, [...x] several, (group) none. */
function pageRoutes(): RegExp[] {
  const appDir = path.join(ROOT, "src/app");
  return filesUnder(appDir, (p) => path.basename(p) === "page.tsx").map((file) => {
    const segments = path
      .relative(appDir, path.dirname(file))
      .split(path.sep)
      .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
    const pattern = segments
      .map((s) => (/^\[\[\.\.\..+\]\]$/.test(s) ? "(?:/.*)?" : /^\[\.\.\..+\]$/.test(s) ? "/.+" : /^\[.+\]$/.test(s) ? "/[^/]+" : `/${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))
      .join("");
    return new RegExp(`^${pattern || "/"}$`);
  });
}

const routes = pageRoutes();
const isPage = (pathname: string) => routes.some((r) => r.test(pathname));
const SAMPLE_ID = "0b7d5c8e-2f6a-4c1e-9d3b-5a7f1e2c4b6d";

describe("every link a mail sends is a page of the portal", () => {
  it("the route matcher knows the app's pages (and refuses what is not one)", () => {
    expect(isPage("/")).toBe(true);
    expect(isPage(`/certificates/${SAMPLE_ID}`)).toBe(true);
    expect(isPage("/account/privacy")).toBe(false);
    expect(isPage(`/certificates/${SAMPLE_ID}/nothing-here`)).toBe(false);
  });

  it("the list of template paths is the set of paths the server code passes", () => {
    expect([...new Set(Object.values(PATH_OF).flat())].sort()).toEqual([...pathsInCode()].sort());
  });

  it("every mail template is listed, in both languages", () => {
    expect(templatesIn(en)).toEqual(Object.keys(PATH_OF).sort());
  });

  it.each(Object.entries(PATH_OF).flatMap(([t, ps]) => [ps].flat().flatMap((p) => [[t, "zh-CN", p], [t, "en", p]])))("%s (%s) links to a page: %s", (template, locale, pattern) => {
    const render = createMailRenderer(BASE);
    const mail = render({ template, locale, payload: { path: pattern.replaceAll(":id", SAMPLE_ID) } });
    expect(mail.text).not.toContain("{link}");
    const links = [...mail.text.matchAll(/https?:\/\/[^\s"'<>）)]+/g)].map((m) => m[0]).filter((u) => u.startsWith(BASE));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(isPage(new URL(link).pathname), `${link} is no page under src/app`).toBe(true);
  });
});
