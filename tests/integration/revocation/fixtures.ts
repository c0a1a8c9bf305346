// One database and one CA per test file. Certificates are issued by the real CA service (so
// OCSP, CRLs and key signatures can be judged by openssl) and stored directly with Prisma: the
// issuance flow itself is the certificate area's, not exercised here.
import { caOf } from "@/server/ca-service/wire-context";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import type { Role } from "@/generated/prisma/client";
import { bytes, subjectDnOf } from "@/server/ca-service/ca-records";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { ensureCertificateProfiles } from "@/server/application/ensure-certificate-profiles";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { openTestDb, type Database } from "../support/test-db";
import { TempDir, makeCsr, openssl, pem } from "../certificate/pki-helpers";

export const BASE_URL = "http://pki.test.example";

export interface World {
  db: Database;
  tmp: TempDir;
  clock: ReturnType<typeof fixedClock>;
  users: Record<string, { id: string; roles: Role[] }>;
  orgId: string;
  as(name: string): ServiceContext;
  close(): Promise<void>;
}

const ROLES: Record<string, Role[]> = {
  alice: ["SUBSCRIBER"],
  bob: ["SUBSCRIBER"],
  orgAdmin: ["SUBSCRIBER"],
  holder: ["SUBSCRIBER"], // the person named in the organisation's certificate
  agent: ["AGENT"], // authorised with REVOKE
  agentNoRevoke: ["AGENT"], // authorised for DOWNLOAD only
  officer: ["RA_OFFICER"],
  officer2: ["RA_OFFICER"],
  officerSubscriber: ["RA_OFFICER", "SUBSCRIBER"],
  admin: ["CA_ADMIN"],
  auditor: ["AUDITOR"],
};

export async function openWorld(start: Date): Promise<World> {
  const db = await openTestDb();
  const tmp = new TempDir();
  const clock = fixedClock(start);
  await ensureCaHierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: BASE_URL, embeddedDefault: true, families: ["ec"], crlShards: 1, clock });
  await ensureCertificateProfiles(db.prisma, start, BASE_URL);
  const users: World["users"] = {};
  for (const [name, roles] of Object.entries(ROLES)) {
    const u = await db.prisma.user.create({ data: { email: `${name}@example.test`, passwordHash: "x", roles, emailVerifiedAt: start } });
    users[name] = { id: u.id, roles };
  }
  const org = await db.prisma.organisation.create({ data: { name: "示例科技有限公司", unifiedSocialCreditCode: "91350100M000100Y43" } });
  await db.prisma.organisationMember.create({ data: { organisationId: org.id, userId: users.orgAdmin!.id, role: "ADMIN" } });
  // Letters checked by the RA (verifiedAt): only checked authorisations let an agent act.
  const validity = { validFrom: new Date(start.getTime() - 86_400_000), validUntil: new Date(start.getTime() + 365 * 86_400_000), verifiedAt: start };
  await db.prisma.agentAuthorisation.create({ data: { agentUserId: users.agent!.id, organisationId: org.id, scope: ["REVOKE", "RENEW"], ...validity } });
  await db.prisma.agentAuthorisation.create({ data: { agentUserId: users.agentNoRevoke!.id, organisationId: org.id, scope: ["DOWNLOAD"], ...validity } });
  const as = (name: string): ServiceContext => ({
    db: db.prisma,
    ca: caOf(db.prisma),
    clock,
    actor: { userId: users[name]!.id, roles: users[name]!.roles },
    meta: { ip: "203.0.113.7", userAgent: "vitest" },
  });
  return {
    db,
    tmp,
    clock,
    users,
    orgId: org.id,
    as,
    close: async () => {
      await db.close();
      tmp.cleanup();
    },
  };
}

export interface TestCert {
  id: string;
  serialHex: string;
  der: Buffer;
  keyFile: string;
  certFile: string;
}

let counter = 0;

/** Issues a certificate with the real CA and stores its row: an individual's, or an organisation's naming `holder`. */
export async function issueCert(w: World, owner: { user: string } | { organisation: true; holder?: string }): Promise<TestCert> {
  const ca = await caOf(w.db.prisma)();
  const { csrPem, keyFile } = makeCsr(w.tmp, `k${++counter}`);
  const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
  const now = w.clock.now();
  return w.db.prisma.$transaction(async (tx) => {
    const issued = await ca.issueFromCsr(tx, {
      profileCode: "individual-signing",
      subject: { country: "CN", fullName: "李爱丽" },
      subscriberId: `s${counter}`,
      usageScope: { kind: "平台", name: "电子政务平台" },
      now,
      csr: csrPem,
    });
    const org = "organisation" in owner;
    const row = await tx.certificate.create({
      data: {
        issuerId: issued.issuerRowId,
        serialHex: issued.serialHex,
        subjectDn: subjectDnOf(issued.certificate),
        subjectDer: bytes(parseCertificate(issued.certificate).subjectName),
        publicKeySha256: issued.spkiSha256,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
        der: bytes(issued.certificate),
        status: "ACTIVE",
        subscriberUserId: org ? (owner.holder ? w.users[owner.holder]!.id : null) : w.users[owner.user]!.id,
        subscriberOrganisationId: org ? w.orgId : null,
        profileId: profile.id,
        crlShard: issued.crlShard,
        keyGeneration: "CLIENT_CSR",
        receiptAt: now,
        acceptanceKind: "EXPLICIT",
        acceptedAt: now,
      },
    });
    const certFile = w.tmp.file(`c${counter}.pem`, pem(issued.certificate));
    return { id: row.id, serialHex: issued.serialHex, der: issued.certificate, keyFile, certFile };
  });
}

/** The subscriber's tool signs the challenge with the certificate's private key (openssl, DER ECDSA). */
export function signWithKey(w: World, keyFile: string, data: string): string {
  const dataFile = w.tmp.file(`sig-data-${++counter}.txt`, data);
  return execFileSync("openssl", ["dgst", "-sha256", "-sign", keyFile, dataFile]).toString("base64");
}

/** PEM files of the issuing CA and the root, for openssl. */
export async function caFiles(w: World): Promise<{ issuer: string; root: string }> {
  const ca = await caOf(w.db.prisma)();
  return {
    issuer: w.tmp.file("issuer.pem", pem(ca.hierarchy.issuing.ec!.entity.certificate)),
    root: w.tmp.file("root.pem", pem(ca.hierarchy.root.entity.certificate)),
  };
}

/** Asks the CA service's OCSP responder about a certificate and lets openssl read and verify the answer. */
export async function ocspAnswer(w: World, c: TestCert): Promise<string> {
  const ca = await caOf(w.db.prisma)();
  const { issuer, root } = await caFiles(w);
  const reqFile = w.tmp.file(`ocsp-req-${++counter}.der`);
  execFileSync("openssl", ["ocsp", "-issuer", issuer, "-cert", c.certFile, "-no_nonce", "-reqout", reqFile], { stdio: "pipe" });
  const res = await ca.ocsp.handleRequest(readFileSync(reqFile));
  const respFile = w.tmp.file(`ocsp-resp-${counter}.der`, res.body);
  return openssl(["ocsp", "-respin", respFile, "-issuer", issuer, "-cert", c.certFile, "-CAfile", root, "-verify_other", issuer, "-resp_text"]).out;
}

/** The stored CRL of the certificate's shard as openssl prints it (after checking its signature). */
export async function crlText(w: World, c: TestCert): Promise<string> {
  const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id }, select: { issuerId: true, crlShard: true } });
  const shard = await w.db.prisma.crlShard.findUniqueOrThrow({ where: { issuingCaId_shard: { issuingCaId: row.issuerId, shard: row.crlShard } } });
  const { issuer } = await caFiles(w);
  return openssl(["crl", "-inform", "DER", "-noout", "-text", "-CAfile", issuer], Buffer.from(shard.der!)).out;
}

/** openssl prints CRL serials in upper-case hex, padded to whole bytes. */
export const crlSerial = (serialHex: string) => (serialHex.length % 2 ? "0" + serialHex : serialHex).toUpperCase();

export { openssl };
