import { describe, expect, it } from "vitest";
import { factorChangeStanding, needsSecondFactor, sessionHasSecondFactor, sessionRoles } from "@/server/auth/second-factor-rule";
import type { Role } from "@/server/auth/roles";

describe("sessionRoles: staff power only with a second factor", () => {
  // The token's factor version is 3 unless a case says otherwise; the account's is 3 too.
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
    expect(sessionRoles(roles, { amr, factorVersion: 3 }, { enrolled, factorVersion: 3 })).toMatchObject({ roles: expected, secondFactorDue: due });
  });

  it("a session signed in with a code before a factor was taken away (reset, removal) has no second factor, even once enrolled again", () => {
    const officer: Role[] = ["RA_OFFICER"];
    const session = { amr: ["pwd", "otp"], factorVersion: 3 };
    expect(sessionRoles(officer, session, { enrolled: true, factorVersion: 3 })).toEqual({ roles: ["RA_OFFICER"], secondFactorDue: null, secondFactor: true });
    // Reset: version 4, nothing enrolled.
    expect(sessionRoles(officer, session, { enrolled: false, factorVersion: 4 })).toEqual({ roles: [], secondFactorDue: "enrol", secondFactor: false });
    // Enrolled again: the old session still has nothing; it must sign in again.
    expect(sessionRoles(officer, session, { enrolled: true, factorVersion: 4 })).toEqual({ roles: [], secondFactorDue: "sign-in-again", secondFactor: false });
    // A subscriber keeps the subscriber role; the session just has no second factor any more.
    expect(sessionRoles(["SUBSCRIBER"], session, { enrolled: true, factorVersion: 4 })).toEqual({ roles: ["SUBSCRIBER"], secondFactorDue: null, secondFactor: false });
  });

  it("a token without a factor version (issued before versions existed) counts as an older one", () => {
    expect(sessionHasSecondFactor({ amr: ["pwd", "webauthn"], factorVersion: undefined }, { enrolled: true, factorVersion: 0 })).toBe(false);
    expect(sessionHasSecondFactor({ amr: ["pwd", "webauthn"], factorVersion: 0 }, { enrolled: true, factorVersion: 0 })).toBe(true);
    expect(sessionHasSecondFactor({ amr: ["pwd"], factorVersion: 0 }, { enrolled: true, factorVersion: 0 })).toBe(false);
    expect(sessionHasSecondFactor({ amr: ["pwd", "otp"], factorVersion: 0 }, { enrolled: false, factorVersion: 0 })).toBe(false);
  });

  it("names the roles that need one", () => {
    expect(needsSecondFactor({ roles: ["RA_OFFICER"] })).toBe(true);
    expect(needsSecondFactor({ roles: ["CA_ADMIN"] })).toBe(true);
    expect(needsSecondFactor({ roles: ["AUDITOR"] })).toBe(true);
    expect(needsSecondFactor({ roles: ["SUBSCRIBER", "AGENT"] })).toBe(false);
  });
});

describe("factorChangeStanding: changing an enrolled account's factors needs a session signed in with one", () => {
  it.each([
    ["first factor, password session", false, false, "first-factor"],
    ["first factor, actor without the field", false, undefined, "first-factor"],
    ["enrolled, session with the factor", true, true, "with-second-factor"],
    ["enrolled, password-only (or outdated) session", true, false, "second-factor-session-required"],
    ["enrolled, actor without the field (fails closed)", true, undefined, "second-factor-session-required"],
  ] as const)("%s", (_name, enrolled, secondFactor, standing) => {
    expect(factorChangeStanding({ enrolled }, secondFactor === undefined ? {} : { secondFactor })).toBe(standing);
  });
});
