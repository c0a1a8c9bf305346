import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSafeReturnPath, safeReturnPath } from "@/server/web/return-path";

/*
 * Return addresses from the client (sign-in's callbackUrl, a guard's way back): only a path on
 * this portal. The refused rows are what browsers turn into another host ("/\t/x" loses its tab,
 * "\" is read as "/"), schemes, and encoded forms of the same.
 */
describe("safe return paths", () => {
  it.each([
    "/",
    "/dashboard",
    "/certificates/3f1c0e9a-8d43-4a5e-9b7e-1d2f3a4b5c6d/test",
    "/ra/applications?status=SUBMITTED&page=2",
    "/verify?q=%E5%BC%A0%E4%B8%89",
    "/search?q=a%20b",
    "/a/b#section",
  ])("passes %j", (path) => {
    expect(isSafeReturnPath(path)).toBe(true);
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    ["tab after the slash (the reported case)", "/\t/evil.example"],
    ["newline after the slash", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative, three slashes", "///evil.example"],
    ["backslash", "/\\evil.example"],
    ["backslash later on", "/ok\\..\\\\evil.example"],
    ["leading space", " /dashboard"],
    ["a space inside as sent", "/\u0020/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["no-break space", "/\u00a0/evil.example"],
    ["line separator", "/\u2028/evil.example"],
    ["byte order mark", "/\ufeff/evil.example"],
    ["scheme", "https://evil.example/"],
    ["javascript scheme", "javascript:alert(1)"],
    ["data scheme", "data:text/html,hi"],
    ["scheme-relative with backslashes", "\\\\evil.example"],
    ["relative path", "dashboard"],
    ["empty", ""],
    ["encoded slash", "/%2F/evil.example"],
    ["encoded slash, lower case", "/%2f%2fevil.example"],
    ["double-encoded slash", "/%252F/evil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["encoded newline", "/%0A/evil.example"],
    ["encoded NUL", "/%00"],
    ["malformed encoding", "/%E0%A4%A"],
    ["far too long", `/${"a".repeat(3000)}`],
  ])("refuses %s", (_why, path) => {
    expect(isSafeReturnPath(path)).toBe(false);
    expect(safeReturnPath(path)).toBe("/dashboard");
  });

  it("refuses what is not a string, and uses the caller's fallback", () => {
    for (const v of [undefined, null, 42, ["/dashboard"], { toString: () => "/dashboard" }]) expect(isSafeReturnPath(v)).toBe(false);
    expect(safeReturnPath("//evil.example", "/ra")).toBe("/ra");
  });

  it("is the one such check: guards.ts hands out this function and defines none of its own", () => {
    const guards = readFileSync(path.join(process.cwd(), "src/server/web/guards.ts"), "utf8");
    expect(guards).toContain('export { safeReturnPath } from "./return-path";');
    expect(guards).not.toMatch(/function safeReturnPath/);
  });
});
