import { describe, expect, it } from "vitest";
import { needsSecondFactor, sessionRoles } from "@/server/auth/second-factor-rule";
import type { Role } from "@/server/auth/roles";

describe("sessionRoles: staff power only with a second factor", () => {
  const cases: [string, Role[], string[], boolean, Role[], string | null][] = [
    // name, account roles, amr, enrolled, session roles, due
    ["officer, password only, not enrolled", ["RA_OFFICER"], ["pwd"], false, [], "enrol"],
    ["officer, password only, enrolled since", ["RA_OFFICER"], ["pwd"], true, [], "sign-in-again"],
    ["officer with a TOTP code", ["RA_OFFICER"], ["pwd", "otp"], true, ["RA_OFFICER"], null],
    ["admin with a passkey", ["CA_ADMIN"], ["pwd", "webauthn"], true, ["CA_ADMIN"], null],
    ["auditor whose factors were reset after sign-in", ["AUDITOR"], ["pwd", "otp"], false, [], "enrol"],
    ["officer who is also a subscriber keeps the subscriber role", ["SUBSCRIBER", "RA_OFFICER"], ["pwd"], false, ["SUBSCRIBER"], "enrol"],
    ["agent without a factor keeps the agent role", ["SUBSCRIBER", "AGENT"], ["pwd"], false, ["SUBSCRIBER", "AGENT"], null],
    ["subscriber enrolled, password-only session (cannot happen at sign-in) changes nothing", ["SUBSCRIBER"], ["pwd"], true, ["SUBSCRIBER"], null],
    ["no amr at all counts as password only", ["CA_ADMIN", "AUDITOR"], [], true, [], "sign-in-again"],
  ];
  it.each(cases)("%s", (_name, roles, amr, enrolled, expected, due) => {
    expect(sessionRoles(roles, { amr, enrolled })).toEqual({ roles: expected, secondFactorDue: due });
  });

  it("names the roles that need one", () => {
    expect(needsSecondFactor({ roles: ["RA_OFFICER"] })).toBe(true);
    expect(needsSecondFactor({ roles: ["CA_ADMIN"] })).toBe(true);
    expect(needsSecondFactor({ roles: ["AUDITOR"] })).toBe(true);
    expect(needsSecondFactor({ roles: ["SUBSCRIBER", "AGENT"] })).toBe(false);
  });
});
