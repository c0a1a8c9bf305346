// next-intl asks for the messages on every request: they are merged once per language and process.
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/i18n/messages";

describe("messagesFor", () => {
  it("merges each language once and hands out the same frozen object", () => {
    const zh = messagesFor("zh-CN");
    expect(messagesFor("zh-CN")).toBe(zh);
    expect(Object.isFrozen(zh)).toBe(true);
    expect(messagesFor("en")).toBe(messagesFor("en"));
    expect(messagesFor("en")).not.toBe(zh);
    // Every file's namespaces are in it (one from the base file, one from an area file).
    expect(zh).toHaveProperty("common");
    expect(zh).toHaveProperty("feesPage");
  });
});
