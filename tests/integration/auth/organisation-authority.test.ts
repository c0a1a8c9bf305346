// The organisation authority, asked directly against stored memberships and authorisations: each
// answer "yes" (ADMIN or AGENT with the authorisation relied on) and each reason for "no", with
// the DomainError the throwing form raises and the boolean of the yes/no form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentScope } from "@/generated/prisma/client";
import {
  mayActForOrganisation,
  organisationAuthority,
  requireOrganisationAuthority,
  requireOrganisationManager,
  type OrganisationAuthorityAnswer,
  type OrganisationAuthorityRefusal,
} from "@/server/auth/organisation-authority";
import { isDomainError } from "@/server/core/errors";
import { uscc } from "@/testing/fixtures/identity-numbers";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
let orgId: string;
const NOW = new Date("2026-06-01T02:00:00.000Z");
const DAY = 24 * 3_600_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

interface Grant {
  scope?: AgentScope[];
  from: number;
  until: number;
  checked?: boolean;
  /** Days from now of the revocation. */
  revoked?: number;
}

/** Each case: a fresh user, their authorisations for the organisation, and the answer for APPLY now. */
const CASES: { name: string; grants: Grant[]; expected: OrganisationAuthorityAnswer | { ok: true; via: "AGENT"; grant: number } }[] = [
  { name: "no relation at all", grants: [], expected: { ok: false, reason: "FORBIDDEN" } },
  { name: "a checked authorisation in force covering the scope", grants: [{ from: -1, until: 30, checked: true }], expected: { ok: true, via: "AGENT", grant: 0 } },
  { name: "one beginning exactly now (window [validFrom, validUntil))", grants: [{ from: 0, until: 30, checked: true }], expected: { ok: true, via: "AGENT", grant: 0 } },
  {
    name: "the checked one is relied on when an unchecked one covers too",
    grants: [{ from: -1, until: 60 }, { from: -1, until: 30, checked: true }],
    expected: { ok: true, via: "AGENT", grant: 1 },
  },
  { name: "a current letter nobody checked", grants: [{ from: -1, until: 30 }], expected: { ok: false, reason: "AGENT_AUTHORISATION_NOT_VERIFIED" } },
  {
    name: "an unchecked covering one beats a checked one of another scope",
    grants: [{ from: -1, until: 30, checked: true, scope: ["DOWNLOAD"] }, { from: -1, until: 30 }],
    expected: { ok: false, reason: "AGENT_AUTHORISATION_NOT_VERIFIED" },
  },
  {
    name: "a checked one in force for another scope",
    grants: [{ from: -1, until: 30, checked: true, scope: ["DOWNLOAD", "TEST"] }],
    expected: { ok: false, reason: "AGENT_SCOPE_INSUFFICIENT", details: { action: "APPLY" } },
  },
  {
    name: "an unchecked current one for another scope",
    grants: [{ from: -1, until: 30, scope: ["RENEW"] }],
    expected: { ok: false, reason: "AGENT_SCOPE_INSUFFICIENT", details: { action: "APPLY" } },
  },
  { name: "revoked while it would be in force", grants: [{ from: -1, until: 30, checked: true, revoked: -0.5 }], expected: { ok: false, reason: "AGENT_AUTHORISATION_REVOKED" } },
  {
    name: "a revocation of a current one is told before a future one",
    grants: [{ from: 2, until: 60, checked: true }, { from: -1, until: 30, checked: true, revoked: -0.5 }],
    expected: { ok: false, reason: "AGENT_AUTHORISATION_REVOKED" },
  },
  {
    name: "a checked one not yet begun",
    grants: [{ from: 2, until: 30, checked: true }],
    expected: { ok: false, reason: "AGENT_AUTHORISATION_NOT_YET_VALID", details: { validFrom: at(2).toISOString() } },
  },
  {
    name: "an unchecked one not yet begun is reported by its start, not as unchecked",
    grants: [{ from: 3, until: 30 }],
    expected: { ok: false, reason: "AGENT_AUTHORISATION_NOT_YET_VALID", details: { validFrom: at(3).toISOString() } },
  },
  {
    name: "ended (the end instant itself is outside the window)",
    grants: [{ from: -30, until: 0, checked: true }],
    expected: { ok: false, reason: "AGENT_AUTHORISATION_EXPIRED", details: { validUntil: at(0).toISOString() } },
  },
  {
    name: "of several ended ones, the latest end is reported",
    grants: [{ from: -60, until: -40, checked: true }, { from: -30, until: -5, checked: true }],
    expected: { ok: false, reason: "AGENT_AUTHORISATION_EXPIRED", details: { validUntil: at(-5).toISOString() } },
  },
  { name: "ended, but revoked before its end", grants: [{ from: -30, until: -5, checked: true, revoked: -10 }], expected: { ok: false, reason: "AGENT_AUTHORISATION_REVOKED" } },
  {
    name: "ended, revoked only after its end",
    grants: [{ from: -30, until: -5, checked: true, revoked: -2 }],
    expected: { ok: false, reason: "AGENT_AUTHORISATION_EXPIRED", details: { validUntil: at(-5).toISOString() } },
  },
];

let n = 0;
async function user(): Promise<string> {
  n += 1;
  return (await db.prisma.user.create({ data: { email: `org-authority-${n}@example.test`, passwordHash: "x", roles: ["SUBSCRIBER"], emailVerifiedAt: NOW } })).id;
}

beforeAll(async () => {
  db = await openTestDb();
  orgId = (await db.prisma.organisation.create({ data: { name: "示例网络科技有限公司", unifiedSocialCreditCode: uscc("91350100MA2Y") } })).id;
});
afterAll(async () => {
  await db?.close();
});

const ask = (userId: string, scope: AgentScope = "APPLY") =>
  db.prisma.$transaction((tx) => organisationAuthority(tx, { userId, organisationId: orgId, scope, now: NOW }));
const askBool = (userId: string, scope: AgentScope = "APPLY") =>
  db.prisma.$transaction((tx) => mayActForOrganisation(tx, { userId, organisationId: orgId, scope, now: NOW }));
const askThrowing = (userId: string) =>
  db.prisma.$transaction((tx) => requireOrganisationAuthority(tx, { userId, organisationId: orgId, scope: "APPLY", now: NOW }));

describe("organisation authority (each answer, each reason)", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const userId = await user();
      const ids: string[] = [];
      for (const g of c.grants) {
        const a = await db.prisma.agentAuthorisation.create({
          data: {
            agentUserId: userId,
            organisationId: orgId,
            scope: g.scope ?? ["APPLY"],
            validFrom: at(g.from),
            validUntil: at(g.until),
            verifiedAt: g.checked ? at(-1) : null,
            revokedAt: g.revoked === undefined ? null : at(g.revoked),
          },
        });
        ids.push(a.id);
      }
      const expected = "grant" in c.expected ? { ok: true, via: "AGENT", authorisationId: ids[c.expected.grant] } : c.expected;
      expect(await ask(userId)).toEqual(expected);
      expect(await askBool(userId)).toBe(expected.ok);

      const thrown = await askThrowing(userId).then(
        (v) => v,
        (e: unknown) => e,
      );
      if (expected.ok) {
        expect(thrown).toEqual(expected);
      } else {
        expect(isDomainError(thrown)).toBe(true);
        const refusal = expected as OrganisationAuthorityRefusal;
        expect(thrown).toMatchObject({ code: refusal.reason, details: "details" in refusal ? refusal.details : {} });
      }
    });
  }

  it("an administrator may do everything; one who was removed is a stranger", async () => {
    const admin = await user();
    const removed = await user();
    await db.prisma.organisationMember.create({ data: { organisationId: orgId, userId: admin, role: "ADMIN" } });
    await db.prisma.organisationMember.create({ data: { organisationId: orgId, userId: removed, role: "ADMIN", removedAt: at(-1) } });
    const member = await user();
    await db.prisma.organisationMember.create({ data: { organisationId: orgId, userId: member, role: "MEMBER" } });
    expect(await ask(admin, "REVOKE")).toEqual({ ok: true, via: "ADMIN" });
    expect(await askBool(admin, "DOWNLOAD")).toBe(true);
    expect(await ask(removed)).toEqual({ ok: false, reason: "FORBIDDEN" });
    expect(await ask(member)).toEqual({ ok: false, reason: "FORBIDDEN" });
  });
});

describe("organisation manager", () => {
  const manage = (userId: string, roles: ("SUBSCRIBER" | "RA_OFFICER")[], organisationId = orgId) =>
    db.prisma.$transaction((tx) => requireOrganisationManager(tx, { userId, roles, organisationId }));

  it("is the organisation's administrator or an RA officer; nobody else; an unknown organisation is NOT_FOUND", async () => {
    const admin = await user();
    await db.prisma.organisationMember.create({ data: { organisationId: orgId, userId: admin, role: "ADMIN" } });
    expect(await manage(admin, ["SUBSCRIBER"])).toBe("ADMIN");
    expect(await manage(await user(), ["RA_OFFICER"])).toBe("RA_OFFICER");
    await expect(manage(await user(), ["SUBSCRIBER"])).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(manage(admin, ["SUBSCRIBER"], "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
