import { describe, expect, it } from "vitest";
import { SEAL_CHECKS, SERVER_CHECKS, SIGNATURE_CHECKS } from "@/server/certificate/server-check";
import { messagesFor } from "@/i18n/messages";

type Tree = { [k: string]: string | Tree };
const serverCheckLabels = (locale: "zh-CN" | "en") =>
  (((messagesFor(locale).console as Tree).objection as Tree).details as Tree).values as Tree;

describe("server check labels", () => {
  it("lists every signature and seal verdict once", () => {
    for (const c of [...SIGNATURE_CHECKS, ...SEAL_CHECKS]) expect(SERVER_CHECKS).toContain(c);
    expect(new Set(SERVER_CHECKS).size).toBe(SERVER_CHECKS.length);
  });

  it.each(["zh-CN", "en"] as const)("labels every server check in %s", (locale) => {
    const labels = serverCheckLabels(locale).serverCheck as Record<string, string>;
    for (const c of SERVER_CHECKS) {
      expect(typeof labels[c], `${locale} ${c}`).toBe("string");
      expect(labels[c]!.trim(), `${locale} ${c}`).not.toBe("");
      expect(labels[c], `${locale} ${c}`).not.toBe(c);
    }
  });
});
