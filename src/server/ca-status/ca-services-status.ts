import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { bool, children, contentOf, expectTag, octetString, oid, readRoot, seq, integer, unsignedInteger } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { verifyTimestampToken } from "@/ca/verify/verify-timestamp";
import type { CaRole } from "@/generated/prisma/client";
import { isCaAdmin } from "@/server/auth";
import { serveTimestamp, PKCS11_PREFIX } from "@/server/ca-service";
import { type ServiceContext, defineQuery, logger } from "@/server/core";
import { verificationContext } from "@/server/verification";
import { ocspSelfTest } from "./internal/ocsp-self-test";

/** The fixed data the self-test stamps: a token over it says nothing about any real document. */
export const TSA_SELF_TEST_DATA = Buffer.from("certificate portal: TSA self-test", "utf8");
const EXPIRING_SOON_DAYS = 30;
const DAY_MS = 86_400_000;

export type CertificateValidity = "notYetValid" | "valid" | "expiringSoon" | "expired";

export interface ServiceCertificate {
  id: string;
  name: string;
  role: CaRole;
  status: "ACTIVE" | "RETIRED" | "COMPROMISED";
  algorithm: string;
  subjectDn: string;
  notBefore: Date;
  notAfter: Date;
  validity: CertificateValidity;
  daysLeft: number;
  custody: "FILE" | "HSM";
}

/** A verification check that did not pass, explained in both languages by the engine. */
export type FailedCheck = { id: string; zh: string; en: string };

export type TsaSelfTest =
  | { answered: true; ok: boolean; genTime: string | null; serialHex: string | null; elapsedMs: number; failedChecks: FailedCheck[] }
  | { answered: false; problem: "unavailable" | "rejected" | "malformed"; httpStatus: number | null; pkiStatus: number | null; elapsedMs: number };

/** Where a certificate stands in its validity: expiring soon means under 30 days left. */
export function validityOf(now: Date, notBefore: Date, notAfter: Date): { validity: CertificateValidity; daysLeft: number } {
  const left = notAfter.getTime() - now.getTime();
  const daysLeft = Math.floor(left / DAY_MS);
  if (now < notBefore) return { validity: "notYetValid", daysLeft };
  if (left <= 0) return { validity: "expired", daysLeft };
  return { validity: daysLeft < EXPIRING_SOON_DAYS ? "expiringSoon" : "valid", daysLeft };
}

/** An RFC 3161 TimeStampReq for SHA-256 of the self-test data, with a nonce and the TSA certificate requested. */
function selfTestRequest(): { der: Buffer; digest: Buffer } {
  const digest = createHash("sha256").update(TSA_SELF_TEST_DATA).digest();
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  return { der: seq(integer(1), seq(seq(oid(OID.sha256)), octetString(digest)), unsignedInteger(nonce), bool(true)), digest };
}

/** PKIStatus of a TimeStampResp (0 granted, 1 granted with mods, 2 rejection, ...). */
function pkiStatusOf(resp: Buffer): number {
  const status = children(resp, expectTag(readRoot(resp), 0x30, "TimeStampResp"))[0];
  const value = children(resp, expectTag(status, 0x30, "PKIStatusInfo"))[0];
  return contentOf(resp, expectTag(value, 0x02, "PKIStatus")).reduce((n, b) => n * 256 + b, 0);
}

/**
 * Runs one timestamp request through the same code path as POST /pki/tsa (serveTimestamp) and
 * verifies the token as the public verification service would: the TSA answers, signs with its
 * certificate, and that certificate chains to our root and is valid now. Nothing is stored.
 */
async function tsaSelfTest(ctx: ServiceContext): Promise<TsaSelfTest> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const req = selfTestRequest();
  let resp;
  try {
    resp = await serveTimestamp(ctx.db, req.der, "application/timestamp-query", ctx.clock, { record: false });
  } catch (e) {
    logger.error({ area: "console", err: e instanceof Error ? e.message : "unknown" }, "TSA self-test: no answer");
    return { answered: false, problem: "unavailable", httpStatus: null, pkiStatus: null, elapsedMs: elapsed() };
  }
  let pkiStatus: number;
  try {
    pkiStatus = pkiStatusOf(Buffer.from(resp.body));
  } catch {
    return { answered: false, problem: "malformed", httpStatus: resp.status, pkiStatus: null, elapsedMs: elapsed() };
  }
  if (resp.status !== 200 || pkiStatus > 1) return { answered: false, problem: "rejected", httpStatus: resp.status, pkiStatus, elapsedMs: elapsed() };
  const answeredIn = elapsed();
  try {
    const verdict = await verifyTimestampToken(resp.body, { hashOid: OID.sha256, digest: req.digest }, await verificationContext(ctx.db));
    return {
      answered: true,
      ok: verdict.overall === "valid",
      genTime: verdict.genTime?.toISOString() ?? null,
      serialHex: verdict.serialHex ?? null,
      elapsedMs: answeredIn,
      failedChecks: verdict.checks.filter((c) => c.outcome !== "pass").map((c) => ({ id: c.id, zh: c.zh, en: c.en })),
    };
  } catch {
    return { answered: true, ok: false, genTime: null, serialHex: null, elapsedMs: answeredIn, failedChecks: [{ id: "verification", zh: "时间戳无法验证", en: "The token could not be verified" }] };
  }
}

/**
 * The CA's two online services for the administrator: the timestamp authority (its signing
 * certificate, validity, key custody, the record of the tokens it issued, and a live self-test) and the OCSP responder (its signing certificate and the
 * time of the newest pre-signed response, which is on record, and a live probe: a random serial
 * must come back "unknown", signed by the CA's delegated signer).
 */
export const caServicesStatus = defineQuery({
  name: "console.ca-services-status",
  input: z.object({ selfTest: z.boolean().default(true) }),
  authorize: isCaAdmin,
  async run(ctx, input) {
    const rows = await ctx.db.issuingCa.findMany({
      where: { role: { in: ["TSA", "OCSP"] } },
      orderBy: [{ role: "asc" }, { notAfter: "desc" }],
      select: { id: true, name: true, role: true, status: true, algorithm: true, subjectDn: true, notBefore: true, notAfter: true, keyRef: true },
    });
    const certificates: ServiceCertificate[] = rows.map(({ keyRef, ...r }) => ({
      ...r,
      ...validityOf(ctx.now, r.notBefore, r.notAfter),
      custody: keyRef.startsWith(PKCS11_PREFIX) ? "HSM" : "FILE",
    }));
    const [newest, stale] = await Promise.all([
      ctx.db.ocspResponse.aggregate({ _max: { producedAt: true }, _count: { _all: true } }),
      ctx.db.ocspResponse.count({ where: { nextUpdate: { lt: ctx.now } } }),
    ]);
    const tsa = certificates.filter((c) => c.role === "TSA");
    const dayAgo = new Date(ctx.now.getTime() - 86_400_000);
    const [tokensTotal, tokensLastDay, lastToken] = await Promise.all([
      ctx.db.timestampToken.count(),
      ctx.db.timestampToken.count({ where: { genTime: { gte: dayAgo } } }),
      ctx.db.timestampToken.findFirst({ orderBy: { genTime: "desc" }, select: { genTime: true, serialHex: true } }),
    ]);
    return {
      now: ctx.now.toISOString(),
      tsa: {
        certificates: tsa,
        /** From the TSA's record of issued tokens (before this page's self-test). */
        tokens: { total: tokensTotal, lastDay: tokensLastDay, last: lastToken },
        selfTest: input.selfTest && tsa.some((c) => c.status === "ACTIVE") ? await tsaSelfTest(ctx) : null,
      },
      ocsp: {
        certificates: certificates.filter((c) => c.role === "OCSP"),
        held: newest._count._all,
        stale,
        lastProducedAt: newest._max.producedAt,
        selfTest: input.selfTest ? await ocspSelfTest(ctx.db) : null,
      },
    };
  },
});
