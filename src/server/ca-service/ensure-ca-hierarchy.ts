import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { createDemoHierarchy, createSm2Family } from "@/ca/hierarchy/create-demo-hierarchy";
import type { KeyCustody } from "@/ca/keys/key-signer";
import { fileKeyCustody } from "@/ca/keys/file-key-custody";
import { systemClock, type Clock, defineSystemTask } from "@/server/core";
import { caKeyDir, configuredCustody, familiesFor, resolveCaPassphrase, type CaServiceConfig } from "./ca-config";
import { entityRow, keyRefFor } from "./ca-records";
import { registerCaConfig } from "./ca-service";

/** AppSetting key holding what the hierarchy needs besides its rows (the base URL its certificates name). */
export const CA_SETTING_KEY = "ca.hierarchy";
const CA_SEED_LOCK = 0x0ca5_eed1;

/**
 * On start: if the database has no CA rows, create the demo hierarchy (root, issuing CA per key
 * family, OCSP signers, TSA) with the engine and store one IssuingCa row per entity (certificate
 * DER and a key reference, never key material). Safe with several instances starting together:
 * the advisory lock makes the second wait and then find the rows. Key labels carry a per-attempt
 * prefix, so files left by a failed attempt never block the next one.
 *
 * A hierarchy made before the SM2 family existed (issue 17) gets it on start only on the embedded
 * demo (file keys, no DATABASE_URL): there nobody runs an operator command. A deployment adds it
 * with `npm run ca -- add-sm2`, because new CA keys are the operator's decision. Either way the
 * existing CAs are untouched: the SM2 family has its own root.
 */
export async function ensureCaHierarchy(db: PrismaClient, config: CaServiceConfig): Promise<{ created: boolean; addedSm2?: string[] }> {
  registerCaConfig(db, config);
  if ((await db.issuingCa.count()) > 0) {
    const demo = config.embeddedDefault && !config.custody && !config.pkcs11 && familiesFor(config, "file").includes("sm2");
    if (demo && !(await hasSm2Family(db))) return { created: false, addedSm2: (await addSm2Hierarchy(db, config)).added };
    return { created: false };
  }
  const configured = await configuredCustody(config);
  const custody = configured ?? fileKeyCustody(caKeyDir(config), await resolveCaPassphrase(config));
  const clock = config.clock ?? systemClock;
  return createHierarchy({ db, clock }, { config, custody, clock });
}

const createHierarchy = defineSystemTask({
  name: "ca.create-hierarchy",
  timeoutMs: 180_000,
  maxWaitMs: 180_000,
  async run(s, { config, custody, clock }: { config: CaServiceConfig; custody: KeyCustody; clock: Clock }): Promise<{ created: boolean }> {
    const { tx, now } = s;
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CA_SEED_LOCK})`);
    if ((await tx.issuingCa.count()) > 0) {
      s.nothingToRecord();
      return { created: false };
    }
    const h = await createDemoHierarchy({
      custody,
      clock,
      baseUrl: config.baseUrl,
      families: familiesFor(config, custody.kind),
      crlShards: config.crlShards,
      organization: config.organization,
      labelPrefix: `g${now.getTime().toString(36)}-`,
    });
    const rowIdByEntity = new Map<string, string>();
    // Entities come parent-first from the builder (root, then what it signed).
    for (const e of h.record.entities) {
      const row = entityRow(e, keyRefFor(e, custody.kind, caKeyDir(config)));
      const created = await tx.issuingCa.create({
        data: { ...row, parentId: e.issuerId ? (rowIdByEntity.get(e.issuerId) ?? null) : null },
        select: { id: true },
      });
      rowIdByEntity.set(e.id, created.id);
    }
    await tx.appSetting.upsert({
      where: { key: CA_SETTING_KEY },
      create: { key: CA_SETTING_KEY, value: { baseUrl: config.baseUrl } as Prisma.InputJsonValue },
      update: { value: { baseUrl: config.baseUrl } as Prisma.InputJsonValue },
    });
    s.audit({
      action: "ca.hierarchy-created",
      subjectType: "IssuingCa",
      subjectId: rowIdByEntity.get("root") ?? null,
      summary: { entities: h.record.entities.map((e) => e.id), baseUrl: config.baseUrl, custody: custody.kind },
    });
    return { created: true };
  },
});

const SM2_ROOT = "root-sm2";
const hasSm2Family = async (db: PrismaClient | Prisma.TransactionClient) => (await db.issuingCa.count({ where: { name: SM2_ROOT } })) > 0;

/**
 * Adds root-sm2, issuing-sm2, ocsp-sm2 and tsa-sm2 to an existing hierarchy (file keys only: a
 * PKCS#11 token without SM2 cannot hold them). Their certificates name the base URL the hierarchy
 * was stored with, like the others. Nothing happens when the SM2 root exists already. A running
 * instance loaded its CA before: it sees the new CAs after a restart.
 */
export async function addSm2Hierarchy(db: PrismaClient, config: CaServiceConfig): Promise<{ added: string[] }> {
  registerCaConfig(db, config);
  if ((await db.issuingCa.count()) === 0) throw new Error("no CA hierarchy in the database: create it first (npm run ca -- init)");
  if (config.pkcs11 || config.custody?.kind === "pkcs11") throw new Error("the CA keys are in a PKCS#11 token, which has no SM2 (SoftHSM2): an SM2 hierarchy needs file keys or an HSM with SM2");
  if (await hasSm2Family(db)) return { added: [] };
  const custody = config.custody ?? fileKeyCustody(caKeyDir(config), await resolveCaPassphrase(config));
  const setting = await db.appSetting.findUnique({ where: { key: CA_SETTING_KEY } });
  const baseUrl = (setting?.value as { baseUrl?: string } | null)?.baseUrl ?? config.baseUrl;
  const clock = config.clock ?? systemClock;
  return addSm2({ db, clock }, { config, custody, clock, baseUrl });
}

const addSm2 = defineSystemTask({
  name: "ca.add-sm2-hierarchy",
  timeoutMs: 180_000,
  maxWaitMs: 180_000,
  async run(s, { config, custody, clock, baseUrl }: { config: CaServiceConfig; custody: KeyCustody; clock: Clock; baseUrl: string }): Promise<{ added: string[] }> {
    const { tx, now } = s;
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CA_SEED_LOCK})`);
    if (await hasSm2Family(tx)) {
      s.nothingToRecord();
      return { added: [] };
    }
    const entities = await createSm2Family({ custody, clock, baseUrl, crlShards: config.crlShards, organization: config.organization, labelPrefix: `s${now.getTime().toString(36)}-` });
    const rowIdByEntity = new Map<string, string>();
    for (const { entity: e } of entities) {
      const row = entityRow(e, keyRefFor(e, custody.kind, caKeyDir(config)));
      const created = await tx.issuingCa.create({ data: { ...row, parentId: e.issuerId ? (rowIdByEntity.get(e.issuerId) ?? null) : null }, select: { id: true } });
      rowIdByEntity.set(e.id, created.id);
    }
    const added = entities.map((e) => e.entity.id);
    // The same event as a first start: CA entities were created (here the SM2 family only).
    s.audit({ action: "ca.hierarchy-created", subjectType: "IssuingCa", subjectId: rowIdByEntity.get(SM2_ROOT) ?? null, summary: { entities: added, baseUrl, custody: custody.kind } });
    return { added };
  },
});
