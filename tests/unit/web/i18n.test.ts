import { describe, expect, it } from "vitest";
import en from "../../../messages/en.json";
import zh from "../../../messages/zh-CN.json";
import { formatDate, formatDateTime, formatYuan } from "@/i18n/format";
import { catalogLang, localeFromAcceptLanguage, resolveLocale } from "@/i18n/locales";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("message files", () => {
  it("have the same keys in both languages", () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const get = (o: object, path: string) => path.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], o);
    for (const k of keys(zh)) {
      expect(placeholders(String(get(en, k))), k).toEqual(placeholders(String(get(zh, k))));
    }
  });

  it("has no key with a dot, which next-intl would read as nesting", () => {
    for (const k of keys(zh)) expect(k.split(".").every((part) => part.length > 0)).toBe(true);
  });
});

describe("locale choice", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,en;q=0.5,zh;q=0.4", "en"],
    ["fr-FR,zh;q=0.6,en;q=0.5", "zh-CN"],
    ["en;q=0,zh;q=0.1", "zh-CN"],
    ["de", null],
    ["", null],
  ])("Accept-Language %j -> %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("prefers the cookie, then the browser, then Chinese", () => {
    expect(resolveLocale("en", "zh-CN")).toBe("en");
    expect(resolveLocale("xx", "en-GB")).toBe("en");
    expect(resolveLocale(undefined, "de-DE")).toBe("zh-CN");
    expect(resolveLocale(undefined, null)).toBe("zh-CN");
  });

  it("maps to the error catalog's languages", () => {
    expect(catalogLang("en")).toBe("en");
    expect(catalogLang("zh-CN")).toBe("zh");
  });
});

describe("formatDateTime", () => {
  it("shows Beijing time with the zone named, whatever the process zone", () => {
    const at = new Date("2026-11-24T14:15:30Z");
    expect(formatDateTime(at, "zh-CN")).toBe("2026-11-24 22:15（北京时间 UTC+8）");
    expect(formatDateTime(at, "en")).toBe("2026-11-24 22:15 (Beijing time, UTC+8)");
    expect(formatDateTime(at, "en", { seconds: true, zone: false })).toBe("2026-11-24 22:15:30");
  });

  it("names the zone as the footer does in each language", () => {
    // The footer says 北京时间 / Beijing time; a time must not call the same zone something else.
    expect(formatDateTime(0, "en")).not.toMatch(/China Standard Time/);
    expect(formatDateTime(0, "zh-CN")).toMatch(/（北京时间 UTC\+8）$/);
  });

  it("rolls the date over at Beijing midnight, not UTC midnight", () => {
    expect(formatDate(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
    expect(formatDateTime("2026-12-31T15:59:00Z", "en", { zone: false })).toBe("2026-12-31 23:59");
    expect(formatDateTime(new Date("2026-01-01T00:00:00+08:00"), "zh-CN", { zone: false })).toBe("2026-01-01 00:00");
  });
});

describe("formatYuan", () => {
  it("turns fen into yuan in the reader's language", () => {
    expect(formatYuan(30000, "zh-CN")).toBe("300.00 元");
    expect(formatYuan(30000, "en")).toBe("CNY 300.00");
    expect(formatYuan(5, "zh-CN")).toBe("0.05 元");
    expect(formatYuan(0, "en")).toBe("CNY 0.00");
  });

  it("groups thousands and keeps the sign", () => {
    expect(formatYuan(123456789, "zh-CN")).toBe("1,234,567.89 元");
    expect(formatYuan(-120000, "en")).toBe("CNY -1,200.00");
  });
});
