import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import path from "node:path";
import { OID } from "@/ca/asn1/oids";
import { signCms } from "@/ca/cms/sign-cms";
import { chainOf, loadHierarchy, type LoadedEntity } from "@/ca/hierarchy/hierarchy";
import { generateKeyAndIssue } from "@/ca/issuance/generate-key-and-issue";
import { issueFromCsr, type IssuanceDeps } from "@/ca/issuance/issue-certificate";
import { fileKeyCustody } from "@/ca/keys/file-key-custody";
import type { KeyCustody } from "@/ca/keys/key-signer";
import { createOcspResponder } from "@/ca/ocsp/ocsp-responder";
import { createTimestampAuthority, type IssuedTokenRecord } from "@/ca/tsa/timestamp-authority";
import type { PrismaClient } from "@/generated/prisma/client";
import { systemClock, type Clock, type Tx, domainError, lockPublicKey, type CaService } from "@/server/core";
import { caConfigFromEnv, configuredCustody, DEFAULT_TSA_POLICY_OID, resolveCaPassphrase, type CaServiceConfig } from "./ca-config";
import { hierarchyRecordFromRows, PKCS11_PREFIX } from "./ca-records";
import { certificateStatusLookup } from "./certificate-status-lookup";
import { refreshOcspEntries } from "./internal/ocsp-refresh";
import { persistedOcspCache } from "./internal/ocsp-store";

export type { CaService, EvidenceSignature, IssueOutcome, IssueRequest, ServerKeySpec } from "@/server/core";

// On globalThis, not in module scope: Next bundles instrumentation and each route handler into
// separate chunks with their own module copies; one loaded CA (and one OCSP cache) per process.
const shared = ((globalThis as { [key: symbol]: unknown })[Symbol.for("portal.ca-service")] ??= {
  configs: new WeakMap<PrismaClient, CaServiceConfig>(),
  services: new WeakMap<PrismaClient, Promise<CaService>>(),
  opened: new WeakMap<Promise<CaService>, CaService>(),
}) as { configs: WeakMap<PrismaClient, CaServiceConfig>; services: WeakMap<PrismaClient, Promise<CaService>>; opened: WeakMap<Promise<CaService>, CaService> };
const { configs, services, opened } = shared;

/**
 * The CA of this database if this process has already loaded it (or is loading it), without
 * loading it otherwise: a process that never loaded the CA holds no OCSP responses to re-sign.
 */
export async function loadedCaService(db: PrismaClient): Promise<CaService | undefined> {
  return services.get(db)?.catch(() => undefined);
}

/** Called by ensureCaHierarchy so getCaService(db) opens the keys the same way they were made. */
export function registerCaConfig(db: PrismaClient, config: CaServiceConfig): void {
  configs.set(db, config);
}

/**
 * The CA as the use cases see it: loaded once per database client (keys opened from custody,
 * certificates from the IssuingCa rows). Throws if ensureCaHierarchy has not run.
 */
export function getCaService(db: PrismaClient): Promise<CaService> {
  let s = services.get(db);
  if (!s) {
    const opening = openCaService(db, configs.get(db) ?? caConfigFromEnv());
    services.set(db, opening);
    opening.then(
      (service) => opened.set(opening, service),
      () => services.delete(db),
    );
    s = opening;
  }
  return s;
}

/**
 * The CA getCaService(db) would resolve to, when it is already open; undefined while it is being
 * opened, after it failed, or when it was never asked for. For the OCSP hot path, which answers
 * without awaiting anything when it can (pki-http.ts answerOcspNow).
 */
export function openedCaService(db: PrismaClient): CaService | undefined {
  const s = services.get(db);
  return s && opened.get(s);
}

async function custodyFor(config: CaServiceConfig, keyRefs: readonly string[]): Promise<KeyCustody> {
  const configured = await configuredCustody(config);
  if (configured) return configured;
  const fileRef = keyRefs.find((r) => !r.startsWith(PKCS11_PREFIX));
  if (!fileRef) throw new Error("the CA keys are in a PKCS#11 token: set CA_PKCS11_MODULE, CA_PKCS11_TOKEN_LABEL (or CA_PKCS11_SLOT) and CA_PKCS11_PIN");
  return fileKeyCustody(path.dirname(fileRef), await resolveCaPassphrase(config));
}

async function openCaService(db: PrismaClient, config: CaServiceConfig): Promise<CaService> {
  const rows = await db.issuingCa.findMany({ where: { status: { not: "COMPROMISED" } }, orderBy: { createdAt: "asc" } });
  if (rows.length === 0) throw new Error("no CA hierarchy in the database: ensureCaHierarchy must run first");
  const setting = await db.appSetting.findUnique({ where: { key: "ca.hierarchy" } });
  const baseUrl = (setting?.value as { baseUrl?: string } | null)?.baseUrl ?? config.baseUrl;
  const hierarchy = await loadHierarchy(hierarchyRecordFromRows(rows, baseUrl), await custodyFor(config, rows.map((r) => r.keyRef)));
  const rowIdByEntity = new Map(rows.map((r) => [r.name, r.id]));
  const entityByRowId = new Map(rows.map((r) => [r.id, r.name]));
  const rowIdOf = (entityId: string) => {
    const id = rowIdByEntity.get(entityId);
    if (!id) throw new Error(`unknown CA entity ${entityId}`);
    return id;
  };
  const entityIdOf = (rowId: string) => {
    const id = entityByRowId.get(rowId);
    if (!id) throw new Error(`unknown CA row ${rowId}`);
    return id;
  };
  const policyOid = config.tsaPolicyOid ?? DEFAULT_TSA_POLICY_OID;
  const serviceClock = config.clock ?? systemClock;
  // The CA's own signatures (receipts, challenges) come from an issuing CA: EC if there is one.
  const evidenceSigner: LoadedEntity = hierarchy.issuing.ec ?? hierarchy.issuing.rsa ?? hierarchy.root;

  const deps = (tx: Tx, now: Date): IssuanceDeps => ({
    hierarchy,
    clock: { now: () => now },
    serials: {
      // The row is inserted in the same transaction after signing; the unique (issuerId,
      // serialHex) constraint is the final guard if another transaction raced us to a serial.
      reserve: async (issuerEntityId, serialHex) =>
        (await tx.certificate.count({ where: { issuerId: rowIdOf(issuerEntityId), serialHex } })) === 0,
    },
    keyOwnership: {
      async ownerOf(spkiSha256) {
        // The last line of defence, in the issuing transaction: a key on the blocked list (or on a
        // certificate revoked for key compromise before the list existed) is never certified again,
        // not even for its owner. The doors before (CSR, rekey, server key) refuse it with evidence.
        // The key's lock first: a cascade blocking this key right now is seen, or sees this certificate.
        await lockPublicKey(tx, spkiSha256);
        if ((await tx.blockedKey.count({ where: { spkiSha256 } })) > 0) throw domainError("KEY_BLOCKED");
        const certs = await tx.certificate.findMany({
          where: { publicKeySha256: spkiSha256 },
          select: { subscriberUserId: true, subscriberOrganisationId: true, revocationReason: true },
        });
        if (certs.some((c) => c.revocationReason === "KEY_COMPROMISE")) throw domainError("KEY_BLOCKED");
        const c = certs[0];
        return c ? (c.subscriberOrganisationId ?? c.subscriberUserId ?? "unknown") : null;
      },
    },
  });

  // Tokens served on /pki/tsa are recorded (TimestampToken), under the TSA that signed them (tsa, or
  // tsa-sm2 for an SM3 imprint). The ones inside the portal's own evidence are not: they are made
  // inside use-case transactions (one connection on PGlite) and are kept with the evidence they stamp.
  const recordToken = async (t: IssuedTokenRecord) => {
    await db.timestampToken.create({
      data: { serialHex: t.serialHex, tsaId: rowIdOf(t.tsaEntityId), genTime: t.genTime, policyOid: t.policyOid, hashOid: t.hashOid, hashedMessageHex: t.hashedMessageHex, token: Uint8Array.from(t.token) },
    });
  };
  const tsaFor = (clock: Clock, record = false) => createTimestampAuthority({ hierarchy, clock, policyOid, recordToken: record ? recordToken : undefined });
  const ocspCache = persistedOcspCache(db, rowIdOf);
  const ocsp = createOcspResponder({ hierarchy, clock: serviceClock, status: certificateStatusLookup(db, rowIdOf), cache: ocspCache, cdnMaxAgeSeconds: config.ocspCdnMaxAgeSeconds });

  return {
    hierarchy,
    baseUrl,
    rowIdOf,
    entityIdOf,
    async issueFromCsr(tx, req) {
      const issued = await issueFromCsr(deps(tx, req.now), {
        profileId: req.profileCode,
        subject: req.subject,
        subscriberId: req.subscriberId,
        usageScope: req.usageScope,
        ...(req.carryOverMs ? { carryOverMs: req.carryOverMs } : {}),
        csr: req.csr,
      });
      return { ...issued, issuerRowId: rowIdOf(issued.issuerId) };
    },
    async issueWithServerKey(tx, req) {
      const issued = await generateKeyAndIssue(deps(tx, req.now), {
        profileId: req.profileCode,
        subject: req.subject,
        subscriberId: req.subscriberId,
        usageScope: req.usageScope,
        ...(req.carryOverMs ? { carryOverMs: req.carryOverMs } : {}),
        key: req.key,
        pkcs12Password: req.pkcs12Password,
      });
      return { ...issued, issuerRowId: rowIdOf(issued.issuerId) };
    },
    chainFor: (issuerRowId) => chainOf(hierarchy, entityIdOf(issuerRowId)),
    timestampAuthority: (clock, opts) => tsaFor(clock, opts?.record ?? true),
    async signEvidence(content, now) {
      const tsa = tsaFor({ now: () => now });
      const chain = chainOf(hierarchy, evidenceSigner.entity.id);
      const cms = await signCms({
        signer: evidenceSigner.signer,
        certificate: evidenceSigner.entity.certificate,
        chain: chain.slice(1),
        content,
        detached: false,
        signingTime: now,
        timestampAuthority: tsa,
      });
      const timestampToken = await tsa.timestampDigest(OID.sha256, createHash("sha256").update(content).digest());
      return { cms, timestampToken, signerCertificate: evidenceSigner.entity.certificate, chain };
    },
    signByCa: (data) => evidenceSigner.signer.sign(data),
    verifyByCa(data, signature) {
      try {
        return verifySignature("sha256", data, createPublicKey({ key: evidenceSigner.parts.spki, format: "der", type: "spki" }), signature);
      } catch {
        return false;
      }
    },
    ocsp,
    async onCertificateStatusChanged(certificateId) {
      const c = await db.certificate.findUnique({ where: { id: certificateId }, select: { issuerId: true, serialHex: true } });
      if (!c) return;
      await ocsp.onStatusChanged(entityIdOf(c.issuerId), c.serialHex);
    },
    refreshOcspCache: () =>
      refreshOcspEntries(ocspCache.entries(), {
        async changedSince(batch, since) {
          const rows = await db.certificate.findMany({
            where: { updatedAt: { gt: since }, OR: batch.map((e) => ({ issuerId: rowIdOf(e.issuerId), serialHex: e.serialHex })) },
            select: { issuerId: true, serialHex: true, updatedAt: true },
          });
          return new Map(rows.map((r) => [`${entityIdOf(r.issuerId)}/${r.serialHex}`, r.updatedAt]));
        },
        onStatusChanged: ocsp.onStatusChanged,
        refreshIfDue: ocsp.refreshIfDue,
      }),
    // Only what this process holds: an uncached certificate is signed from its row when asked. A
    // request that read the old status just before the commit and stores its answer after this ran
    // is corrected by the per-minute sweep (its row changed after the answer's thisUpdate second).
    async onStatusAnnounced(issuerRowId, serialHex) {
      const issuerId = entityByRowId.get(issuerRowId);
      if (!issuerId || !(await ocspCache.get(issuerId, serialHex))) return false;
      await ocsp.onStatusChanged(issuerId, serialHex);
      return true;
    },
    flushOcspRecords: () => ocspCache.flush(),
  };
}
