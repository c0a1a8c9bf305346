// One database and one CA per test file: users by role, verified identities, approved
// applications created directly with Prisma (the application area is not exercised here; the
// row itself is src/testing's, shared with the browser-test seeds).
import { caOf } from "@/server/ca-service/wire-context";
import { pemToDer } from "@/ca/asn1/certificate-parts";
import type { FeeStatus, KeyGeneration, Prisma, Role } from "@/generated/prisma/client";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { seedCalendarFromPackage } from "@/server/calendar/seed-calendar";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { ensureCertificateProfiles } from "@/server/application/ensure-certificate-profiles";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { acceptCurrentAgreement } from "@/testing/fixtures/accept-current-agreement";
import { insertApplicationRow } from "@/testing/fixtures/application-row";
import { openTestDb, type Database } from "../support/test-db";
import { TempDir, makeCsr } from "./pki-helpers";

export const CA_CREATED_AT = new Date("2026-01-05T02:00:00Z");
export const BASE_URL = "http://pki.test.example";

/** An instant given as Shanghai wall-clock time ("2026-03-02 23:59"). */
export const sh = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);

export interface World {
  db: Database;
  tmp: TempDir;
  clock: ReturnType<typeof fixedClock>;
  users: Record<string, { id: string; roles: Role[] }>;
  profiles: Record<string, string>;
  as(name: string): ServiceContext;
  close(): Promise<void>;
}

/** families: the CA key families to create (the SM2 tests add "sm2"; the default keeps the others fast). */
export async function openWorld(families: ("rsa" | "ec" | "sm2")[] = ["ec"]): Promise<World> {
  const db = await openTestDb();
  const tmp = new TempDir();
  const clock = fixedClock(CA_CREATED_AT);
  await seedDefaultAgreement(db.prisma, CA_CREATED_AT, {});
  await seedCalendarFromPackage(db.prisma, CA_CREATED_AT);
  await ensureCaHierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: BASE_URL, embeddedDefault: true, families, crlShards: 2, clock });
  await ensureCertificateProfiles(db.prisma, CA_CREATED_AT, BASE_URL);
  const profiles = Object.fromEntries((await db.prisma.certificateProfile.findMany()).map((p) => [p.code, p.id]));
  const users: World["users"] = {};
  const roles: Record<string, Role[]> = {
    alice: ["SUBSCRIBER"],
    bob: ["SUBSCRIBER"],
    agent: ["AGENT"],
    officer: ["RA_OFFICER"],
    officer2: ["RA_OFFICER"],
    admin: ["CA_ADMIN"],
    auditor: ["AUDITOR"],
  };
  for (const [name, r] of Object.entries(roles)) {
    const u = await db.prisma.user.create({ data: { email: `${name}@example.test`, passwordHash: "x", roles: r, emailVerifiedAt: CA_CREATED_AT } });
    users[name] = { id: u.id, roles: r };
  }
  const as = (name: string): ServiceContext => ({
    db: db.prisma,
    ca: caOf(db.prisma),
    clock,
    actor: { userId: users[name]!.id, roles: users[name]!.roles },
    meta: { ip: "203.0.113.7", userAgent: "vitest" },
  });
  return { db, tmp, clock, users, profiles, as, close: async () => (await db.close(), tmp.cleanup()) };
}

export async function makeApplication(
  w: World,
  o: {
    applicant: string;
    profile?: string;
    keyGeneration?: KeyGeneration;
    status?: "APPROVED" | "SUBMITTED";
    feeStatus?: FeeStatus;
    organisationId?: string;
    csrPem?: string;
    replacesCertificateId?: string;
    kind?: "NEW" | "CHANGE";
    subjectDetails?: Record<string, unknown>;
  },
): Promise<{ applicationId: string; keyFile?: string }> {
  const applicantId = w.users[o.applicant]!.id;
  const keyGeneration = o.keyGeneration ?? "CLIENT_CSR";
  let keyFile: string | undefined;
  let csrPem = o.csrPem;
  if (keyGeneration === "CLIENT_CSR" && !csrPem) {
    const made = makeCsr(w.tmp, `k${Math.random().toString(36).slice(2)}`);
    csrPem = made.csrPem;
    keyFile = made.keyFile;
  }
  const { applicationId } = await insertApplicationRow(w.db.prisma, {
    applicantId,
    profileId: w.profiles[o.profile ?? "individual-signing"]!,
    identity: { legalName: o.applicant === "alice" ? "李爱丽" : "王博", organisationId: o.organisationId, verifiedAt: CA_CREATED_AT, verifiedById: w.users.officer!.id },
    organisationId: o.organisationId,
    kind: o.kind ?? "NEW",
    status: o.status ?? "APPROVED",
    subjectDetails: (o.subjectDetails ?? { usageScope: { kind: "平台", name: "电子政务平台" } }) as Prisma.InputJsonValue,
    feeStatus: o.feeStatus ?? "NOT_REQUIRED",
    keyGeneration,
    csrDer: csrPem ? Uint8Array.from(pemToDer(csrPem)) : null,
    replacesCertificateId: o.replacesCertificateId ?? null,
  });
  return { applicationId, keyFile };
}

/** The subscriber accepts the agreement in force for a context (downloads need it). */
export async function acceptFor(w: World, name: string, context: "DOWNLOAD" | "APPLY", onBehalfOfOrganisationId?: string) {
  return acceptCurrentAgreement(w.as(name), context, onBehalfOfOrganisationId);
}

export { openTestDb };
