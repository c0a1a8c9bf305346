import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { createDemoHierarchy } from "@/ca/hierarchy/create-demo-hierarchy";
import type { KeyCustody } from "@/ca/keys/key-signer";
import { fileKeyCustody } from "@/ca/keys/file-key-custody";
import { systemClock, type Clock, defineSystemTask } from "@/server/core";
import { caKeyDir, configuredCustody, resolveCaPassphrase, type CaServiceConfig } from "./ca-config";
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
 */
export async function ensureCaHierarchy(db: PrismaClient, config: CaServiceConfig): Promise<{ created: boolean }> {
  registerCaConfig(db, config);
  if ((await db.issuingCa.count()) > 0) return { created: false };
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
      families: config.families,
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
