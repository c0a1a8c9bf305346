// One database and one CA per test file for the public, privacy and support-request tests:
// users by role, certificates issued by the real CA service from openssl-made keys and stored
// directly (the certificate area's use cases are exercised elsewhere).
import { caOf } from "@/server/ca-service/wire-context";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { derToPem, parseCertificate } from "@/ca/asn1/certificate-parts";
import type { Role } from "@/generated/prisma/client";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { ensureCertificateProfiles } from "@/server/application/ensure-certificate-profiles";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { openTestDb, type Database } from "../support/test-db";

export const T0 = new Date("2026-03-02T02:00:00Z");
const BASE_URL = "http://pki.public-test.example";

export interface World {
  db: Database;
  dir: string;
  clock: ReturnType<typeof fixedClock>;
  users: Record<string, { id: string; roles: Role[] }>;
  as(name: string, ip?: string): ServiceContext;
  anonymous(ip?: string): ServiceContext;
  file(name: string, content?: string | Uint8Array): string;
  close(): Promise<void>;
}

export const ROLES: Record<string, Role[]> = {
  alice: ["SUBSCRIBER"],
  bob: ["SUBSCRIBER"],
  agent: ["AGENT"],
  officer: ["RA_OFFICER"],
  admin: ["CA_ADMIN"],
  auditor: ["AUDITOR"],
};

export async function openWorld(opts: { ca?: boolean } = {}): Promise<World> {
  const db = await openTestDb();
  const dir = mkdtempSync(path.join(tmpdir(), "public-it-"));
  const clock = fixedClock(T0);
  if (opts.ca !== false) {
    await ensureCaHierarchy(db.prisma, { dataDir: dir, baseUrl: BASE_URL, embeddedDefault: true, families: ["ec"], crlShards: 1, clock });
    await ensureCertificateProfiles(db.prisma, T0, BASE_URL);
  }
  const users: World["users"] = {};
  for (const [name, roles] of Object.entries(ROLES)) {
    const u = await db.prisma.user.create({
      data: { email: `${name}@example.test`, passwordHash: "x", roles, emailVerifiedAt: T0, displayName: name, phone: "13800000000" },
    });
    users[name] = { id: u.id, roles };
  }
  const ctxOf = (actor: ServiceContext["actor"], ip: string): ServiceContext => ({ db: db.prisma, ca: caOf(db.prisma), clock, actor, meta: { ip, userAgent: "vitest" } });
  return {
    db,
    dir,
    clock,
    users,
    as: (name, ip = "203.0.113.7") => ctxOf({ userId: users[name]!.id, roles: users[name]!.roles }, ip),
    anonymous: (ip = "198.51.100.1") => ctxOf(null, ip),
    file(name, content) {
      const p = path.join(dir, name);
      if (content !== undefined) writeFileSync(p, content);
      return p;
    },
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function openssl(args: string[], input?: Uint8Array | string): { status: number; out: string } {
  const r = spawnSync("openssl", args, { input: typeof input === "string" ? Buffer.from(input) : input, timeout: 30_000 });
  return { status: r.status ?? -1, out: r.stdout.toString("utf8") + r.stderr.toString("utf8") };
}

export interface TestCertificate {
  id: string;
  serialHex: string;
  der: Buffer;
  certFile: string;
  keyFile: string;
  chainFile: string;
}

/** A P-256 key made by openssl, certified by the real CA service, stored as a Certificate row. */
export async function issueTestCertificate(
  w: World,
  o: { holder: string; fullName: string; publishConsent?: boolean; organisationId?: string; notAfterOverride?: Date },
): Promise<TestCertificate> {
  const tag = Math.random().toString(36).slice(2);
  const keyFile = w.file(`${tag}.key`);
  const csrFile = w.file(`${tag}.csr`);
  execFileSync("openssl", ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=x", "-keyout", keyFile, "-out", csrFile], { stdio: "pipe" });
  const ca = await caOf(w.db.prisma)();
  const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
  const holderId = w.users[o.holder]!.id;
  const now = w.clock.now();
  const { issued, id } = await w.db.prisma.$transaction(async (tx) => {
    const issued = await ca.issueFromCsr(tx, {
      profileCode: profile.code,
      subject: { country: "CN", fullName: o.fullName, email: `${o.holder}@example.test` },
      subscriberId: holderId,
      usageScope: { kind: "平台", name: "电子政务平台" },
      now,
      csr: readFileSync(csrFile, "utf8"),
    });
    const parts = parseCertificate(issued.certificate);
    const row = await tx.certificate.create({
      data: {
        issuerId: issued.issuerRowId,
        serialHex: issued.serialHex,
        subjectDn: `CN=${o.fullName},C=CN`,
        subjectDer: Uint8Array.from(parts.subjectName),
        publicKeySha256: issued.spkiSha256,
        notBefore: issued.notBefore,
        notAfter: o.notAfterOverride ?? issued.notAfter,
        der: Uint8Array.from(issued.certificate),
        status: "ISSUED",
        subscriberUserId: holderId,
        subscriberOrganisationId: o.organisationId ?? null,
        profileId: profile.id,
        keyGeneration: "CLIENT_CSR",
        publishConsent: o.publishConsent ?? false,
        receiptAt: now,
        deliveredAt: now,
        deliveryMethod: "ONLINE",
      },
    });
    return { issued, id: row.id };
  });
  const certFile = w.file(`${tag}.pem`, derToPem(issued.certificate, "CERTIFICATE"));
  const chainFile = w.file(`${tag}-chain.pem`, issued.chain.map((c) => derToPem(c, "CERTIFICATE")).join(""));
  return { id, serialHex: issued.serialHex, der: issued.certificate, certFile, keyFile, chainFile };
}
