import { describe, expect, it } from "vitest";
import {
  ALL_ROLES,
  areasFor,
  isAgent,
  isAuditor,
  isCaAdmin,
  isCustomer,
  isRaOfficer,
  isRevocationStaff,
  isSupportStaff,
  mayEnterArea,
  mayFollowUpdateNotices,
  mayIssueCertificate,
  mayReadAnyCertificate,
  mayReadAuditLog,
  mayReadJobStatus,
  mayReadPrivacyRegister,
  STAFF_AREAS,
  type Role,
  type RolePredicate,
} from "@/server/auth/roles";

/** Each question and exactly the roles that answer yes (one role at a time; no hierarchy). */
const TABLE: [string, RolePredicate, Role[]][] = [
  ["isCustomer", isCustomer, ["SUBSCRIBER", "AGENT"]],
  ["isAgent", isAgent, ["AGENT"]],
  ["isRaOfficer", isRaOfficer, ["RA_OFFICER"]],
  ["isCaAdmin", isCaAdmin, ["CA_ADMIN"]],
  ["isAuditor", isAuditor, ["AUDITOR"]],
  ["mayReadAuditLog", mayReadAuditLog, ["CA_ADMIN", "AUDITOR"]],
  ["isRevocationStaff", isRevocationStaff, ["RA_OFFICER", "CA_ADMIN", "AUDITOR"]],
  ["mayReadAnyCertificate", mayReadAnyCertificate, ["RA_OFFICER", "CA_ADMIN", "AUDITOR"]],
  ["mayReadPrivacyRegister", mayReadPrivacyRegister, ["CA_ADMIN", "AUDITOR"]],
  ["mayFollowUpdateNotices", mayFollowUpdateNotices, ["CA_ADMIN", "AUDITOR"]],
  ["mayReadJobStatus", mayReadJobStatus, ["CA_ADMIN", "AUDITOR"]],
  ["mayIssueCertificate", mayIssueCertificate, ["RA_OFFICER", "CA_ADMIN"]],
  ["isSupportStaff", isSupportStaff, ["RA_OFFICER", "CA_ADMIN"]],
];

describe("role predicates", () => {
  for (const [name, predicate, yes] of TABLE) {
    for (const role of ALL_ROLES) {
      const expected = yes.includes(role);
      it(`${name} is ${expected} for ${role}`, () => {
        expect(predicate({ roles: [role] })).toBe(expected);
      });
    }
    it(`${name} is false for nobody and true when one of several roles qualifies`, () => {
      expect(predicate({ roles: [] })).toBe(false);
      expect(predicate({ roles: ["SUBSCRIBER", yes[0]!] })).toBe(true);
    });
  }
});

describe("staff areas", () => {
  const AREA_TABLE: [keyof typeof STAFF_AREAS, Role][] = [
    ["agent", "AGENT"],
    ["ra", "RA_OFFICER"],
    ["admin", "CA_ADMIN"],
    ["audit", "AUDITOR"],
  ];

  it("lists the areas in navigation order", () => {
    expect(Object.keys(STAFF_AREAS)).toEqual(AREA_TABLE.map(([a]) => a));
  });

  for (const [area, role] of AREA_TABLE) {
    it(`admits only ${role} to ${area} (no implied hierarchy)`, () => {
      for (const other of ALL_ROLES) expect(mayEnterArea({ roles: [other] }, area)).toBe(other === role);
    });
  }

  it("gives each user the areas of the roles they hold, in order", () => {
    expect(areasFor({ roles: ["SUBSCRIBER"] })).toEqual([]);
    expect(areasFor({ roles: ["SUBSCRIBER", "AGENT"] })).toEqual(["agent"]);
    expect(areasFor({ roles: ["RA_OFFICER"] })).toEqual(["ra"]);
    expect(areasFor({ roles: ["CA_ADMIN"] })).toEqual(["admin"]);
    expect(areasFor({ roles: ["AUDITOR"] })).toEqual(["audit"]);
    expect(areasFor({ roles: ["AUDITOR", "RA_OFFICER", "CA_ADMIN"] })).toEqual(["ra", "admin", "audit"]);
  });
});
