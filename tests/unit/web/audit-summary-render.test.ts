import { createTranslator } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { messagesFor } from "@/i18n/messages";

// The renderer reads its words through next-intl; here the real message files stand behind it.
let locale: "zh-CN" | "en" = "zh-CN";
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale, messages: messagesFor(locale) as never, namespace: namespace as never }),
}));

const { AuditSummary } = await import("@/app/audit/_components/audit-summary");
const { humaniseKey, summaryValueKind } = await import("@/app/audit/_components/audit-summary-kinds");

async function render(summary: unknown, action: string, lang: "zh-CN" | "en" = "zh-CN") {
  locale = lang;
  return renderToStaticMarkup(await AuditSummary({ summary, locale: lang, event: { action, subjectType: "Application" } }));
}

describe("audit summary rendered in words", () => {
  it("shows amounts in yuan, never in fen", async () => {
    const html = await render({ amountCents: 30000, method: "BANK_TRANSFER", reference: "TX-1", feeCents: 30000 }, "application.payment-recorded");
    expect(html).toContain("300.00 元");
    expect(html).not.toContain(">30000<");
    expect(html).not.toContain("（分）");
    expect(html).toContain("银行转账");
    expect(html).toContain("<code");
    expect(await render({ feeCents: 30000 }, "application.payment-recorded", "en")).toContain("CNY 300.00");
  });

  it("shows times in Beijing time and names the keys a person reads", async () => {
    const html = await render({ notBefore: "2026-12-02T15:44:46.512Z", copiesMatchOriginals: true, spkiSha256: "ab12" }, "certificate.issued");
    expect(html).toContain("2026-12-02 23:44:46");
    expect(html).not.toMatch(/\d{2}Z/);
    expect(html).toContain("生效时间");
    expect(html).toContain("复印件与原件一致");
    expect(html).toMatch(/公钥哈希[^<]*<\/dt><dd[^>]*><code[^>]*>ab12<\/code>/);
    expect(html).not.toMatch(/>(notBefore|copiesMatchOriginals|spkiSha256)</);
  });

  it("keeps a key nobody labelled, humanised in <code>, with its value", async () => {
    const html = await render({ someNewField: "kept" }, "application.submitted");
    expect(html).toContain('<code class="break-all" data-unlabelled="">some new field</code>');
    expect(html).toContain("kept");
  });

  it("shows a fees map's amounts in yuan under their profile codes", async () => {
    const html = await render({ codes: ["ORG_SIGN"], fees: { ORG_SIGN: 30000 } }, "profile.defaults-seeded", "en");
    expect(html).toContain("<code class=\"break-all\">ORG_SIGN</code>");
    expect(html).toContain("CNY 300.00");
  });
});

describe("summaryValueKind", () => {
  it("decides by field and value", () => {
    expect(summaryValueKind("feeCents", 100)).toBe("cents");
    expect(summaryValueKind("count", 100)).toBe("text");
    expect(summaryValueKind("at", "2026-01-01T00:00:00Z")).toBe("time");
    expect(summaryValueKind("serialHex", "0a1b")).toBe("code");
    expect(summaryValueKind("payloadSha256", "ff")).toBe("code");
    expect(summaryValueKind("certificateId", "7f0c…")).toBe("code");
    expect(summaryValueKind("note", "hello")).toBe("text");
    expect(summaryValueKind("ORG_SIGN", 30000, "cents")).toBe("cents");
  });

  it("humanises keys", () => {
    expect(humaniseKey("copiesMatchOriginals")).toBe("copies match originals");
    expect(humaniseKey("spkiSha256")).toBe("spki sha256");
  });
});

describe("every summary key the portal writes has a name", () => {
  it("in both languages (console.audit.fields or auditFields)", async () => {
    const { readFileSync } = await import("node:fs");
    const src = readFileSync("src/server/core/audit-events.ts", "utf8");
    const body = src.slice(src.indexOf("type StatusChange"), src.indexOf("export const AUDIT_SUMMARY_ENUMS"));
    const keys = new Set([...body.matchAll(/[{;,]\s*(?:readonly\s+)?([a-z]\w*)\??:/g)].map((m) => m[1]!));
    expect(keys.size).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const lang of ["zh-CN", "en"] as const) {
      const m = messagesFor(lang) as { console: { audit: { fields: Record<string, string> } }; auditFields: Record<string, string> };
      for (const k of keys) if (!m.console.audit.fields[k] && !m.auditFields[k]) missing.push(`${lang} ${k}`);
    }
    expect(missing).toEqual([]);
  });
});
