// One database per test file for the renewal, update-notice and jobs tests: reference data
// (agreement v1, calendar, RA, profiles), users of every role, an organisation with an
// administrator and agents in every authorisation state, and certificate rows made directly
// (the issuance flow is the certificate area's; the real CA is used where PKI output matters).
import { caOf } from "@/server/ca-service/wire-context";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Prisma, Role } from "@/generated/prisma/client";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { seedReferenceData } from "@/server/bootstrap/internal/reference-data";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { openTestDb, type Database } from "../support/test-db";
import { TempDir } from "../certificate/pki-helpers";

export const START = new Date("2026-03-02T02:00:00Z"); // a Monday, 10:00 in Beijing
export const DAY = 86_400_000;
export const BASE_URL = "http://pki.test.example";

const ROLES: Record<string, Role[]> = {
  alice: ["SUBSCRIBER"],
  bob: ["SUBSCRIBER"],
  carol: ["SUBSCRIBER"],
  orgAdmin: ["SUBSCRIBER"],
  agent: ["AGENT"], // RENEW + REKEY + UPDATE, in force
  agentRenewOnly: ["AGENT"], // RENEW only
  agentDownload: ["AGENT"], // DOWNLOAD only
  agentExpired: ["AGENT"], // RENEW, expired yesterday
  agentRevoked: ["AGENT"], // RENEW, revoked
  officer: ["RA_OFFICER"],
  admin: ["CA_ADMIN"],
  auditor: ["AUDITOR"],
};

export interface World {
  db: Database;
  tmp: TempDir;
  clock: ReturnType<typeof fixedClock>;
  users: Record<string, string>;
  orgId: string;
  issuerId: string;
  profiles: Record<string, string>;
  as(name: string): ServiceContext;
  close(): Promise<void>;
}

export async function openWorld(opts: { realCa?: boolean } = {}): Promise<World> {
  const db = await openTestDb();
  const tmp = new TempDir();
  const clock = fixedClock(START);
  await seedReferenceData(db, clock);
  if (opts.realCa) {
    await ensureCaHierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: BASE_URL, embeddedDefault: true, families: ["ec"], crlShards: 1, clock });
  }
  const issuerId = opts.realCa
    ? (await db.prisma.issuingCa.findFirstOrThrow({ where: { role: "ISSUING" } })).id
    : (
        await db.prisma.issuingCa.create({
          data: {
            name: "Test Issuing CA",
            role: "ISSUING",
            algorithm: "EC-P256",
            subjectDn: "CN=Test Issuing CA",
            subjectDer: Buffer.from("30"),
            certificateDer: Buffer.from("30"),
            keyRef: "none",
            notBefore: new Date(START.getTime() - 365 * DAY),
            notAfter: new Date(START.getTime() + 10 * 365 * DAY),
          },
        })
      ).id;
  const users: Record<string, string> = {};
  for (const [name, roles] of Object.entries(ROLES)) {
    users[name] = (await db.prisma.user.create({ data: { email: `${name}@example.test`, passwordHash: "x", roles, emailVerifiedAt: START } })).id;
  }
  const org = await db.prisma.organisation.create({ data: { name: "示例科技有限公司", unifiedSocialCreditCode: "91350100M000100Y43" } });
  await db.prisma.organisationMember.create({ data: { organisationId: org.id, userId: users.orgAdmin!, role: "ADMIN" } });
  const inForce = { validFrom: new Date(START.getTime() - DAY), validUntil: new Date(START.getTime() + 365 * DAY), verifiedAt: new Date(START.getTime() - DAY) };
  const auth = (agent: string, scope: ("RENEW" | "REKEY" | "UPDATE" | "DOWNLOAD")[], extra: Partial<Prisma.AgentAuthorisationUncheckedCreateInput> = {}) =>
    db.prisma.agentAuthorisation.create({ data: { agentUserId: users[agent]!, organisationId: org.id, scope, ...inForce, ...extra } });
  await auth("agent", ["RENEW", "REKEY", "UPDATE"]);
  await auth("agentRenewOnly", ["RENEW"]);
  await auth("agentDownload", ["DOWNLOAD"]);
  await auth("agentExpired", ["RENEW"], { validFrom: new Date(START.getTime() - 200 * DAY), validUntil: new Date(START.getTime() - DAY) });
  await auth("agentRevoked", ["RENEW"], { revokedAt: new Date(START.getTime() - 3_600_000), revokedReason: "left the company" });
  const profiles = Object.fromEntries((await db.prisma.certificateProfile.findMany()).map((p) => [p.code, p.id]));
  const as = (name: string): ServiceContext => ({
    db: db.prisma,
    ca: caOf(db.prisma),
    clock,
    actor: { userId: users[name]!, roles: ROLES[name]! },
    meta: { ip: "203.0.113.50", userAgent: "vitest" },
  });
  return {
    db,
    tmp,
    clock,
    users,
    orgId: org.id,
    issuerId,
    profiles,
    as,
    close: async () => {
      await db.close();
      tmp.cleanup();
    },
  };
}

/** Accepts the agreement version in force for a context (for an organisation, when given). */
export async function acceptFor(w: World, name: string, context: "RENEW" | "APPLY" | "UPDATE" | "DOWNLOAD", onBehalfOfOrganisationId?: string) {
  const v = (await findCurrentAgreementVersion(w.db.prisma, w.clock.now()))!;
  return acceptAgreement(w.as(name), { version: v.version, contentHash: v.contentHash, context, locale: "zh-CN", onBehalfOfOrganisationId });
}

let serial = 0x1000;

/** A self-signed certificate's DER made by openssl, for tests that read the key algorithm. */
export function selfSignedDer(w: World, key: "ec" | "rsa"): Buffer {
  const name = `ss${++serial}`;
  const keyFile = w.tmp.file(`${name}.key`);
  const certFile = w.tmp.file(`${name}.der`);
  const newkey = key === "ec" ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"] : ["-newkey", "rsa:2048"];
  execFileSync("openssl", ["req", "-x509", ...newkey, "-nodes", "-subj", `/CN=${name}`, "-days", "30", "-keyout", keyFile, "-outform", "DER", "-out", certFile], { stdio: "pipe" });
  return readFileSync(certFile);
}

export interface CertOptions {
  /** Days from now to notAfter (default 60: inside the default renewal window, which opens 90 days before). */
  expiresInDays?: number;
  /** Accepted (explicitly) already; default true. */
  accepted?: boolean;
  profile?: string;
  der?: Buffer;
  issuerId?: string;
  /** The person named in an organisation certificate. */
  holder?: string;
}

/** An issued application and its certificate row, owned by a person or by the organisation. */
export async function certRow(w: World, owner: { user: string } | { org: true }, o: CertOptions = {}): Promise<{ id: string; serialHex: string; applicationId: string }> {
  const now = w.clock.now();
  const org = "org" in owner;
  const applicantId = org ? w.users.orgAdmin! : w.users[owner.user]!;
  const profileCode = o.profile ?? (org ? "organization-signing" : "individual-signing");
  const app = await w.db.prisma.application.create({
    data: {
      kind: "NEW",
      status: "ISSUED",
      applicantId,
      subjectType: org ? "ORGANISATION" : "INDIVIDUAL",
      organisationId: org ? w.orgId : null,
      profileId: w.profiles[profileCode]!,
      subjectDetails: { country: "CN", usageScope: { kind: "平台", name: "示例电子合同平台" } },
      submittedAt: now,
      decidedAt: now,
    },
  });
  const serialHex = (++serial).toString(16) + randomBytes(6).toString("hex");
  const c = await w.db.prisma.certificate.create({
    data: {
      issuerId: o.issuerId ?? w.issuerId,
      serialHex,
      subjectDn: `CN=${org ? "示例科技有限公司" : owner.user}, C=CN`,
      subjectDer: Buffer.from("30"),
      publicKeySha256: randomBytes(32).toString("hex"),
      notBefore: new Date(Math.min(now.getTime() - DAY, now.getTime() + ((o.expiresInDays ?? 60) - 2) * DAY)),
      notAfter: new Date(now.getTime() + (o.expiresInDays ?? 60) * DAY),
      der: Uint8Array.from(o.der ?? Buffer.from("30")),
      status: o.accepted === false ? "ISSUED" : "ACTIVE",
      applicationId: app.id,
      subscriberUserId: org ? (o.holder ? w.users[o.holder]! : null) : w.users[owner.user]!,
      subscriberOrganisationId: org ? w.orgId : null,
      profileId: w.profiles[profileCode]!,
      keyGeneration: "CLIENT_CSR",
      receiptAt: new Date(now.getTime() - DAY),
      testWindowDeadline: o.accepted === false ? new Date(now.getTime() + DAY) : new Date(now.getTime() - 3_600_000),
      acceptanceKind: o.accepted === false ? null : "EXPLICIT",
      acceptedAt: o.accepted === false ? null : new Date(now.getTime() - 2 * 3_600_000),
    },
  });
  return { id: c.id, serialHex, applicationId: app.id };
}

export async function expectCode(p: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
  let result: unknown;
  try {
    result = await p;
  } catch (e) {
    const got = (e as { code?: string }).code;
    if (got !== code) throw new Error(`expected ${code}, got ${got ?? String(e)}`, { cause: e });
    return (e as { details?: Record<string, unknown> }).details ?? {};
  }
  throw new Error(`expected ${code}, but it succeeded: ${JSON.stringify(result)?.slice(0, 200)}`);
}
