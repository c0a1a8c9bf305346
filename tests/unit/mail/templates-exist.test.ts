import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMailRenderer } from "@/server/mail/templates";

/** Every `template: "a.b"` literal in the server code: the mails the outbox can be asked to send. */
function templatesUsedInCode(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) {
      for (const t of templatesUsedInCode(p)) found.add(t);
    } else if (p.endsWith(".ts")) {
      for (const m of readFileSync(p, "utf8").matchAll(/template: *"([a-z0-9.-]+)"/g)) found.add(m[1]!);
    }
  }
  return found;
}

const used = [...templatesUsedInCode(path.resolve(import.meta.dirname, "../../../src/server"))].sort();

describe("mail templates", () => {
  it("finds the templates the code uses", () => {
    expect(used).toContain("account.verify-email");
  });

  it.each(used.flatMap((t) => [[t, "zh-CN"], [t, "en"]]))("%s has a subject and body in %s", (template, locale) => {
    const render = createMailRenderer("https://portal.example");
    const mail = render({ template, locale, payload: { path: "/x" } });
    expect(mail.subject.length).toBeGreaterThan(0);
    expect(mail.text.length).toBeGreaterThan(20);
  });
});
