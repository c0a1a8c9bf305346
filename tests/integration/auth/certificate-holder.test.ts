// The holder rule as one table: who may act as a certificate's subscriber for each purpose. A
// personal certificate is its subscriber's alone; an organisation's certificate is the
// organisation's administrators' and its agents' whose checked authorisation covers the
// purpose's scope, and its named holder's for TEST, LOSS_REPORT and RECEIPT. Everyone else is told
// NOT_FOUND.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentScope, Role } from "@/generated/prisma/client";
import { HOLDER_PURPOSES, requireHolder, type HolderPurpose } from "@/server/auth/certificate-holder";
import { uscc } from "@/testing/fixtures/identity-numbers";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
let orgId: string;
const NOW = new Date("2026-06-01T02:00:00.000Z");
const DAY = 24 * 3_600_000;
const ids: Record<string, string> = {};
const ALL: HolderPurpose[] = ["TEST", "DOWNLOAD", "LOSS_REPORT", "RECEIPT", "REVOCATION", "HOLD_RELEASE"];
const REVOKE_PURPOSES: HolderPurpose[] = ["LOSS_REPORT", "RECEIPT", "REVOCATION", "HOLD_RELEASE"];

async function user(name: string, roles: Role[] = ["SUBSCRIBER"]) {
  ids[name] = (await db.prisma.user.create({ data: { email: `holder-${name}@example.test`, passwordHash: "x", roles, emailVerifiedAt: NOW } })).id;
}
async function authorise(name: string, scope: AgentScope[], checked = true) {
  await db.prisma.agentAuthorisation.create({
    data: {
      agentUserId: ids[name]!,
      organisationId: orgId,
      scope,
      validFrom: new Date(NOW.getTime() - DAY),
      validUntil: new Date(NOW.getTime() + 30 * DAY),
      verifiedAt: checked ? NOW : null,
    },
  });
}

beforeAll(async () => {
  db = await openTestDb();
  orgId = (await db.prisma.organisation.create({ data: { name: "示例网络科技有限公司", unifiedSocialCreditCode: uscc("91350100MA2Y") } })).id;
  for (const n of ["owner", "orgAdmin", "named", "revokeAgent", "testAgent", "uncheckedAgent", "stranger"]) await user(n, n.endsWith("Agent") ? ["SUBSCRIBER", "AGENT"] : ["SUBSCRIBER"]);
  await db.prisma.organisationMember.create({ data: { organisationId: orgId, userId: ids.orgAdmin!, role: "ADMIN" } });
  await authorise("revokeAgent", ["REVOKE"]);
  await authorise("testAgent", ["TEST", "DOWNLOAD"]);
  await authorise("uncheckedAgent", ["REVOKE", "TEST", "DOWNLOAD"], false);
});
afterAll(async () => {
  await db?.close();
});

const personal = () => ({ subscriberUserId: ids.owner!, subscriberOrganisationId: null });
const organisational = () => ({ subscriberUserId: ids.named!, subscriberOrganisationId: orgId });

/** For each actor of an organisation's certificate: the purposes they may act for. */
const ORGANISATION_TABLE: [string, HolderPurpose[]][] = [
  ["orgAdmin", ALL],
  ["revokeAgent", REVOKE_PURPOSES],
  ["testAgent", ["TEST", "DOWNLOAD"]],
  ["named", ["TEST", "LOSS_REPORT", "RECEIPT"]],
  ["uncheckedAgent", []],
  ["stranger", []],
  ["owner", []],
];

const ask = (cert: { subscriberUserId: string | null; subscriberOrganisationId: string | null }, who: string, purpose: HolderPurpose) =>
  db.prisma.$transaction((tx) => requireHolder(tx, cert, { userId: ids[who]!, roles: ["SUBSCRIBER"] }, purpose, NOW));

describe("the holder rule", () => {
  it("maps each purpose to the agent scope it needs", () => {
    expect(Object.fromEntries(Object.entries(HOLDER_PURPOSES).map(([p, v]) => [p, v.scope]))).toEqual({
      TEST: "TEST",
      DOWNLOAD: "DOWNLOAD",
      LOSS_REPORT: "REVOKE",
      RECEIPT: "REVOKE",
      REVOCATION: "REVOKE",
      HOLD_RELEASE: "REVOKE",
    });
  });

  for (const purpose of ALL) {
    it(`a personal certificate, ${purpose}: its subscriber only`, async () => {
      expect(await ask(personal(), "owner", purpose)).toEqual({ onBehalfOfOrganisationId: null });
      for (const other of ["orgAdmin", "named", "revokeAgent", "stranger"]) await expect(ask(personal(), other, purpose)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  }

  for (const [who, allowed] of ORGANISATION_TABLE) {
    for (const purpose of ALL) {
      const ok = allowed.includes(purpose);
      it(`an organisation's certificate, ${purpose}, ${who}: ${ok ? "acts for the organisation" : "NOT_FOUND"}`, async () => {
        if (ok) expect(await ask(organisational(), who, purpose)).toEqual({ onBehalfOfOrganisationId: orgId });
        else await expect(ask(organisational(), who, purpose)).rejects.toMatchObject({ code: "NOT_FOUND" });
      });
    }
  }
});
