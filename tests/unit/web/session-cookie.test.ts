// Anonymous requests skip Auth.js only when no cookie Auth.js would read as a session is present.
import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "@/server/web/internal/session-cookie";

describe("hasSessionCookie", () => {
  it("sees the session cookie over http and https, whole or in chunks", () => {
    for (const name of ["authjs.session-token", "__Secure-authjs.session-token", "authjs.session-token.0", "__Secure-authjs.session-token.1"]) {
      expect(hasSessionCookie([{ name: "NEXT_LOCALE" }, { name }]), name).toBe(true);
    }
  });

  it("is false for a visitor with only other cookies (language, CSRF, callback)", () => {
    expect(hasSessionCookie([])).toBe(false);
    expect(hasSessionCookie([{ name: "NEXT_LOCALE" }, { name: "authjs.csrf-token" }, { name: "authjs.callback-url" }, { name: "session-token" }])).toBe(false);
  });
});
