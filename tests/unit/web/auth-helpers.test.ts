import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { passwordPolicyViolation } from "@/server/account/password";
import { emailKey, normaliseEmail } from "@/server/shared/email";
import { clientIp } from "@/server/web/internal/request-meta";
import { createLogger } from "@/server/core/logger";
import { createMailRenderer } from "@/server/mail/templates";

describe("password policy", () => {
  it.each([
    ["short", "a@b.cn", "min-length"],
    ["ten chars!", "a@b.cn", null],
    ["Alice@Example.com", "alice@example.com", "same-as-email"],
    ["alice.wonder", "alice.wonder@example.com", "same-as-email"],
    ["密码密码密码密码密码", "a@b.cn", null],
    ["x".repeat(257), "a@b.cn", "max-length"],
  ])("%j for %s -> %s", (password, email, rule) => {
    expect(passwordPolicyViolation(password, email)).toBe(rule);
  });
});

describe("email keys", () => {
  it("normalise case and spaces so attempts on one account count together", () => {
    expect(normaliseEmail("  Bob@Example.COM ")).toBe("bob@example.com");
    expect(emailKey("Bob@Example.com")).toBe(emailKey("bob@example.com "));
    expect(emailKey("bob@example.com")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("client address", () => {
  const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
  it("takes the entry added by the nearest trusted proxy, not what the client wrote", () => {
    expect(clientIp(h("1.2.3.4"), 1)).toBe("1.2.3.4");
    expect(clientIp(h("6.6.6.6, 10.0.0.5"), 1)).toBe("10.0.0.5");
    expect(clientIp(h("6.6.6.6, 203.0.113.9, 10.0.0.1"), 2)).toBe("203.0.113.9");
    expect(clientIp(h("::ffff:127.0.0.1"), 1)).toBe("127.0.0.1");
    expect(clientIp(h(), 1)).toBeUndefined();
  });
});

describe("logger", () => {
  it("redacts secrets and personal data wherever they sit", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const prev = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "info";
    const log = createLogger(sink);
    process.env.LOG_LEVEL = prev;
    log.info(
      { email: "a@b.cn", password: "hunter2hunter2", user: { email: "c@d.cn", token: "tok123" }, req: { headers: { authorization: "Bearer xyz", cookie: "s=1" } }, secret: "s3" },
      "something happened",
    );
    const out = lines.join("");
    for (const leaked of ["a@b.cn", "hunter2", "c@d.cn", "tok123", "Bearer xyz", "s=1", "s3"]) expect(out).not.toContain(leaked);
    expect(out).toContain("something happened");
    expect(out).toContain("[redacted]");
  });
});

describe("mail templates", () => {
  const render = createMailRenderer("https://portal.example.cn");
  it("renders both account mails in both languages, with the link on the configured URL", () => {
    for (const template of ["account.verify-email", "account.reset-password"]) {
      for (const locale of ["zh-CN", "en"]) {
        const m = render({ template, locale, payload: { path: "/x?token=abc" } });
        expect(m.subject.length).toBeGreaterThan(0);
        expect(m.text).toContain("https://portal.example.cn/x?token=abc");
        expect(m.text).not.toMatch(/\{\w+\}/);
      }
    }
  });
  it("refuses an unknown template rather than sending an empty mail", () => {
    expect(() => render({ template: "nope.nothing", locale: "en", payload: {} })).toThrow(/unknown mail template/);
  });
});
