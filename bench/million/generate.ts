// The million-certificate database (issue 16 item 5): fills a migrated, empty database through a
// few large `INSERT ... SELECT ... FROM generate_series` statements, in one transaction, so a failed
// run leaves nothing behind and a second run is refused.
//
// What it makes (scale 1; `countsForScale` for others):
//   - the CA hierarchy (root, one EC issuing CA with 4 CRL shards, OCSP, TSA), profiles, the head-office RA;
//   - 100,000 subscribers (natural persons), 1,000 organisations with valid unified social credit
//     codes, one RA officer (attached to no RA: sees every application) and one agent authorised
//     (letter checked) for organisation 1, all able to sign in with MILLION_PASSWORD;
//   - 1,000,000 certificates of that issuing CA, notBefore spread over 900 days with 730 days of
//     validity (about a fifth expired), 100,000 revoked (every tenth, with their Revocation rows;
//     the CRL shard is the serial's last byte mod 4 as the engine assigns it, so ~25,000 per shard),
//     5,000 in organisation 1, a tenth of the rest in the other organisations, the newest 50 not yet
//     received, a third with publication consent;
//   - ~100,000 ISSUED applications behind a tenth of the individual certificates, and 10,000 open
//     ones (70% SUBMITTED, 20% NEEDS_INFO with the officer's question, 10% APPROVED).
// The certificate DER is ONE real certificate issued by the bench CA to a throwaway key, reused in
// every row (with its subject DER); serials, subject names, key hashes and dates are per row. The
// OCSP responses are not pre-signed here (the responder signs on first request).
import type { PrismaClient } from "@/generated/prisma/client";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { organisationCodeCheckChar, usccCheckChar } from "@/domain/identity";
import { hashPassword } from "@/server/account/password";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";
import type { CaServiceConfig } from "@/server/ca-service/ca-config";
import { getCaService } from "@/server/ca-service/ca-service";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { pkiUrls } from "@/ca/hierarchy/pki-urls";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { makeEcCsr } from "../bench-lib";
import { AGENT_EMAIL, MILLION_PASSWORD, OFFICER_EMAIL, type MillionCounts } from "./setup";

export class AlreadyGenerated extends Error {}

export interface GenerateOptions {
  counts: MillionCounts;
  ca: CaServiceConfig;
  now?: Date;
  /** Progress lines (the CLI prints them). */
  log?: (line: string) => void;
  /** Certificates per INSERT statement. */
  chunk?: number;
}

export interface GenerateReport {
  seconds: number;
  steps: Array<{ step: string; rows: number; ms: number }>;
}

const DAY = 86_400;
/** Every generated id is md5(<kind>-<n>) read as a uuid: rows reference each other without lookups. */
const id = (kind: string, n: string) => `md5('million-${kind}-' || (${n}))::uuid::text`;

export async function generateMillion(db: PrismaClient, opts: GenerateOptions): Promise<GenerateReport> {
  const { counts } = opts;
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? new Date();
  const chunk = opts.chunk ?? 100_000;
  const started = performance.now();
  const steps: GenerateReport["steps"] = [];
  const existing = await db.certificate.count();
  if (existing > 0) {
    throw new AlreadyGenerated(
      `this database already holds ${existing.toLocaleString("en-US")} certificates: the generator fills an empty, migrated database once. Measure it with \`npm run bench:million\`, or drop it and start again.`,
    );
  }

  let t = performance.now();
  await ensureCaHierarchy(db, { ...opts.ca, clock: { now: () => now } });
  await seedCertificateProfiles(db, now, { cpsUri: pkiUrls(opts.ca.baseUrl).cps });
  const ra = await seedDefaultRegistrationAuthority(db, now);
  const ca = await getCaService(db);
  const template = await db.$transaction((tx) =>
    ca.issueFromCsr(tx, {
      profileCode: "individual-signing",
      subject: { country: "CN", fullName: "百万证书模板" },
      subscriberId: "bench-million-template",
      usageScope: { kind: "平台", name: "压测平台" },
      now,
      csr: makeEcCsr("bench-million-template"),
    }),
  );
  const passwordHash = await hashPassword(MILLION_PASSWORD);
  steps.push({ step: "CA hierarchy, profiles, RA, template certificate", rows: 1, ms: performance.now() - t });
  log(`CA ready (${Math.round(performance.now() - t)} ms)`);

  const profiles = new Map((await db.certificateProfile.findMany({ select: { id: true, code: true } })).map((p) => [p.code, p.id]));
  const individualProfile = profiles.get("individual-signing");
  const organisationProfile = profiles.get("organization-signing");
  if (!individualProfile || !organisationProfile) throw new Error("the certificate profiles individual-signing and organization-signing are missing");

  // The shard as the engine assigns it at issuance (issue-certificate.ts shardOf): the serial's last byte mod the CA's shard count.
  const shards = (await db.issuingCa.findUniqueOrThrow({ where: { id: template.issuerRowId }, select: { crlShardCount: true } })).crlShardCount;
  const N = counts.certificates;
  const S = counts.subscribers;
  const G = counts.organisations;
  const orgStep = Math.max(2, Math.floor(N / counts.organisationCertificates));
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const nowSql = `${lit(now.toISOString())}::timestamptz`;
  const der = `'\\x${template.certificate.toString("hex")}'::bytea`;
  const subjectDer = `'\\x${parseCertificate(template.certificate).subjectName.toString("hex")}'::bytea`;
  // Per certificate i (1..N): which subscriber, when, and whether revoked. Written once, used by the applications too.
  const isOrg1 = (i: string) => `((${i}) % ${orgStep} = 1 % ${orgStep} AND (${i}) / ${orgStep} < ${counts.organisationCertificates})`;
  const isOtherOrg = (i: string) => `(NOT ${isOrg1(i)} AND ${G} > 1 AND (${i}) % 10 = 0)`;
  const isIndividual = (i: string) => `(NOT ${isOrg1(i)} AND NOT ${isOtherOrg(i)})`;
  const notBefore = (i: string) => `(${nowSql} - make_interval(secs => (${N} - (${i}) + 1)::float8 * ${900 * DAY} / ${N} + 7200))`;
  const isRevoked = (i: string) => `((${i}) % 10 = 3 AND ((${i}) - 3) / 10 < ${counts.revoked})`;
  const hasApplication = (i: string) => `(${isIndividual(i)} AND (${i}) % 10 = 5)`;
  const userOf = (i: string) => `((${i}) % ${S}) + 1`;
  // As submission records them (application/submission.ts declarationRecord): the four ticks, when and by whom.
  const declarations = (at: string, by: string) =>
    `jsonb_build_object('truthfulCompleteLawful', true, 'copiesMatchOriginals', true, 'consentToElectronicSignatureUse', true, 'consentToCertificateQuery', true, 'declaredAt', to_char((${at}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'declaredBy', ${by}, 'event', 'SUBMIT')`;

  const run = async (tx: Pick<PrismaClient, "$executeRawUnsafe">, step: string, sql: string): Promise<number> => {
    const t0 = performance.now();
    const rows = await tx.$executeRawUnsafe(sql);
    const ms = performance.now() - t0;
    steps.push({ step, rows, ms });
    log(`${step}: ${rows.toLocaleString("en-US")} rows in ${(ms / 1000).toFixed(1)} s`);
    return rows;
  };

  const codes = Array.from({ length: G }, (_, k) => {
    const body = String(10_000_000 + k).slice(-8);
    const first17 = `91110108${body}${organisationCodeCheckChar(body)}`;
    return first17 + usccCheckChar(first17);
  });

  await db.$transaction(
    async (tx) => {
      // Inside the transaction too: two generators started together cannot both fill it.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x0b_e4c4})`);
      if ((await tx.certificate.count()) > 0) throw new AlreadyGenerated("another generator filled this database meanwhile");

      await run(
        tx,
        "subscribers (User)",
        `INSERT INTO "User" ("id", "email", "passwordHash", "emailVerifiedAt", "displayName", "phone", "locale", "roles", "createdAt", "updatedAt")
         SELECT ${id("user", "u")}, 'subscriber' || u || '@million.test', ${lit(passwordHash)}, ${nowSql} - interval '1000 days', '用户' || u,
                '138' || lpad((u % 100000000)::text, 8, '0'), 'zh-CN', ARRAY['SUBSCRIBER']::"Role"[], ${nowSql} - interval '1000 days', ${nowSql}
         FROM generate_series(1, ${S}) AS u`,
      );
      await run(
        tx,
        "staff and agent (User)",
        `INSERT INTO "User" ("id", "email", "passwordHash", "emailVerifiedAt", "displayName", "locale", "roles", "createdAt", "updatedAt") VALUES
         (${id("staff", "'officer'")}, ${lit(OFFICER_EMAIL)}, ${lit(passwordHash)}, ${nowSql}, '压测审核员', 'zh-CN', ARRAY['RA_OFFICER']::"Role"[], ${nowSql}, ${nowSql}),
         (${id("staff", "'agent'")}, ${lit(AGENT_EMAIL)}, ${lit(passwordHash)}, ${nowSql}, '压测经办人', 'zh-CN', ARRAY['AGENT']::"Role"[], ${nowSql}, ${nowSql})`,
      );
      await run(
        tx,
        "organisations",
        `INSERT INTO "Organisation" ("id", "name", "nameEn", "unifiedSocialCreditCode", "legalRepresentative", "address", "phone", "createdAt", "updatedAt")
         SELECT ${id("org", "g")}, '压测机构' || g || '有限公司', 'Bench Organisation ' || g || ' Ltd', code, '法人' || g, '北京市海淀区压测路' || g || '号', '010-6' || lpad(g::text, 7, '0'),
                ${nowSql} - interval '1000 days', ${nowSql}
         FROM unnest(ARRAY[${codes.map(lit).join(",")}]::text[]) WITH ORDINALITY AS c(code, g)`,
      );
      await run(
        tx,
        "agent authorisation (organisation 1)",
        `INSERT INTO "AgentAuthorisation" ("id", "agentUserId", "organisationId", "scope", "validFrom", "validUntil", "verifiedById", "verifiedAt", "createdAt")
         VALUES (${id("auth", "1")}, ${id("staff", "'agent'")}, ${id("org", "1")}, ARRAY['APPLY','RENEW','DOWNLOAD','TEST']::"AgentScope"[],
                 ${nowSql} - interval '30 days', ${nowSql} + interval '335 days', ${id("staff", "'officer'")}, ${nowSql} - interval '29 days', ${nowSql} - interval '30 days')`,
      );
      await run(
        tx,
        "issued applications",
        `INSERT INTO "Application" ("id", "kind", "status", "applicantId", "subjectType", "profileId", "subjectDetails", "declarations", "declaredAt",
                                    "registrationAuthorityId", "reviewerId", "decisionReason", "keyGeneration", "submittedAt", "decidedAt", "createdAt", "updatedAt")
         SELECT ${id("app", "i")}, 'NEW'::"ApplicationKind", 'ISSUED'::"ApplicationStatus", ${id("user", userOf("i"))}, 'INDIVIDUAL'::"SubjectType", ${lit(individualProfile)},
                jsonb_build_object('fullName', '用户' || ${userOf("i")}), ${declarations("nb - interval '2 days'", id("user", userOf("i")))}, nb - interval '2 days',
                ${lit(ra.id)}, ${id("staff", "'officer'")}, '材料齐全', 'CLIENT_CSR'::"KeyGeneration", nb - interval '2 days', nb - interval '1 day', nb - interval '3 days', nb
         FROM generate_series(1, ${N}) AS i, LATERAL (SELECT ${notBefore("i")} AS nb) AS d
         WHERE ${hasApplication("i")}`,
      );
      const M = counts.openApplications;
      await run(
        tx,
        "open applications (RA queue)",
        `INSERT INTO "Application" ("id", "kind", "status", "applicantId", "subjectType", "profileId", "subjectDetails", "declarations", "declaredAt",
                                    "registrationAuthorityId", "feeStatus", "decisionReason", "keyGeneration", "submittedAt", "decidedAt", "createdAt", "updatedAt")
         SELECT ${id("open", "j")}, 'NEW'::"ApplicationKind", (CASE WHEN j % 10 < 7 THEN 'SUBMITTED' WHEN j % 10 < 9 THEN 'NEEDS_INFO' ELSE 'APPROVED' END)::"ApplicationStatus",
                ${id("user", `(j % ${S}) + 1`)}, 'INDIVIDUAL'::"SubjectType", ${lit(individualProfile)}, jsonb_build_object('fullName', '用户' || ((j % ${S}) + 1)),
                ${declarations("sub", id("user", `(j % ${S}) + 1`))}, sub, ${lit(ra.id)}, 'NOT_REQUIRED'::"FeeStatus",
                CASE WHEN j % 10 = 7 OR j % 10 = 8 THEN '请补充身份证件反面照片' WHEN j % 10 = 9 THEN '材料齐全' END, 'CLIENT_CSR'::"KeyGeneration", sub,
                CASE WHEN j % 10 >= 7 THEN sub + interval '1 hour' END, sub - interval '1 hour', sub
         FROM generate_series(1, ${M}) AS j, LATERAL (SELECT ${nowSql} - make_interval(secs => (${M} - j + 1)::float8 * ${20 * DAY} / ${M}) AS sub) AS d`,
      );
      await run(
        tx,
        "information requests (NEEDS_INFO)",
        `INSERT INTO "ApplicationInfoRequest" ("id", "applicationId", "question", "askedById", "askedAt", "detailsAtQuestion")
         SELECT ${id("ask", "a.id")}, a."id", a."decisionReason", ${id("staff", "'officer'")}, a."decidedAt", a."subjectDetails"
         FROM "Application" a WHERE a."status" = 'NEEDS_INFO'`,
      );
      for (let from = 1; from <= N; from += chunk) {
        const to = Math.min(N, from + chunk - 1);
        await run(
          tx,
          `certificates ${from.toLocaleString("en-US")}-${to.toLocaleString("en-US")}`,
          `INSERT INTO "Certificate" ("id", "issuerId", "serialHex", "subjectDn", "subjectDer", "publicKeySha256", "notBefore", "notAfter", "der", "status",
                                      "applicationId", "subscriberUserId", "subscriberOrganisationId", "profileId", "deliveryMethod", "deliveredAt",
                                      "receiptAt", "testWindowDeadline", "acceptanceKind", "acceptedAt", "crlShard", "revokedAt", "revocationReason",
                                      "keyGeneration", "publishConsent", "createdAt", "updatedAt")
           SELECT ${id("cert", "i")}, ${lit(template.issuerRowId)}, serial,
                  CASE WHEN org IS NULL THEN 'CN=用户' || ${userOf("i")} || ',C=CN' ELSE 'CN=压测机构' || org || '有限公司,O=压测机构' || org || '有限公司,C=CN' END,
                  ${subjectDer}, encode(sha256(('million-key-' || i)::bytea), 'hex'), nb, nb + interval '730 days', ${der},
                  (CASE WHEN revoked THEN 'REVOKED' WHEN nb + interval '730 days' <= ${nowSql} THEN 'EXPIRED' WHEN received IS NULL THEN 'ISSUED' ELSE 'ACTIVE' END)::"CertificateStatus",
                  CASE WHEN ${hasApplication("i")} THEN ${id("app", "i")} END,
                  CASE WHEN org IS NULL THEN ${id("user", userOf("i"))} END,
                  CASE WHEN org IS NOT NULL THEN ${id("org", "org")} END,
                  CASE WHEN org IS NULL THEN ${lit(individualProfile)} ELSE ${lit(organisationProfile)} END,
                  'ONLINE'::"DeliveryMethod", nb, received, received + interval '2 days',
                  (CASE WHEN received IS NULL THEN NULL WHEN i % 2 = 0 THEN 'EXPLICIT' ELSE 'DEEMED' END)::"AcceptanceKind",
                  CASE WHEN received IS NULL THEN NULL WHEN i % 2 = 0 THEN received + interval '1 day' ELSE received + interval '2 days' END,
                  ('x' || right(serial, 2))::bit(8)::int % ${shards},
                  CASE WHEN revoked THEN nb + (${nowSql} - nb) / 2 END,
                  (CASE WHEN NOT revoked THEN NULL ELSE (ARRAY['KEY_COMPROMISE','SUPERSEDED','CESSATION_OF_OPERATION','AFFILIATION_CHANGED','UNSPECIFIED'])[1 + (i / 10) % 5] END)::"RevocationReason",
                  'CLIENT_CSR'::"KeyGeneration", i % 3 = 0, nb, ${nowSql}
           FROM generate_series(${from}, ${to}) AS i,
                LATERAL (SELECT '4' || substr(md5('million-serial-' || i), 2) AS serial, ${notBefore("i")} AS nb, ${isRevoked("i")} AS revoked,
                                CASE WHEN ${isOrg1("i")} THEN 1 WHEN ${isOtherOrg("i")} THEN 2 + ((i / 10) % GREATEST(1, ${G} - 1)) END AS org) AS d,
                LATERAL (SELECT CASE WHEN i > ${N - counts.awaitingReceipt} THEN NULL ELSE nb + interval '1 hour' END AS received) AS r`,
        );
      }
      await run(
        tx,
        "revocations",
        `INSERT INTO "Revocation" ("id", "certificateId", "reasonCode", "revokedAt", "invalidityDate", "revokedById")
         SELECT ${id("rev", "c.id")}, c."id", c."revocationReason", c."revokedAt", CASE WHEN c."revocationReason" = 'KEY_COMPROMISE' THEN c."revokedAt" - interval '1 day' END, ${id("staff", "'officer'")}
         FROM "Certificate" c WHERE c."revokedAt" IS NOT NULL`,
      );
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  t = performance.now();
  // VACUUM too: it marks the pages all-visible, so index-only scans (the CRL entries) skip the heap as on a settled database.
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  steps.push({ step: "VACUUM ANALYZE", rows: 0, ms: performance.now() - t });
  log(`VACUUM ANALYZE: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // And a checkpoint: the fill leaves gigabytes of dirty pages, which the checkpointer would
  // otherwise write out over the next minutes while the probes run, and the probes' tails
  // (p99 of the query by serial) would measure that writing instead of the queries.
  t = performance.now();
  try {
    await db.$executeRawUnsafe("CHECKPOINT");
    steps.push({ step: "CHECKPOINT", rows: 0, ms: performance.now() - t });
    log(`CHECKPOINT: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } catch (e) {
    // CHECKPOINT needs a superuser or pg_checkpoint: without it the figures are taken on a database still writing back.
    log(`CHECKPOINT refused (${e instanceof Error ? e.message.split("\n")[0] : String(e)}): wait a few minutes before measuring`);
  }
  return { seconds: (performance.now() - started) / 1000, steps };
}
