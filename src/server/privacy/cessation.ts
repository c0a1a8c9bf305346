import type { PrismaClient } from "@/generated/prisma/client";
import { type Tx, domainError } from "@/server/core";

export const CESSATION_KEY = "cessation";

export interface CessationState {
  active: boolean;
  /** When the administrator switched it on (ISO 8601). */
  since?: string;
  startedById?: string;
  /** The CA designated to take over the certificates and archive, if known. */
  successor?: string | null;
  note?: string | null;
}

export async function readCessation(db: Tx | PrismaClient): Promise<CessationState> {
  const row = await db.appSetting.findUnique({ where: { key: CESSATION_KEY } });
  const v = (row?.value ?? null) as CessationState | null;
  return v && v.active === true ? v : { active: false };
}

/**
 * Refuses new collection of personal information while the CA is ceasing operation. Call it at the
 * start of every use case that collects from a new person or for a new certificate: sign-up,
 * creating an application (and submitting one, which collects the documents), adding an
 * organisation or an identity. Renewal of existing certificates is a new application too.
 */
export async function assertNotInCessation(tx: Tx): Promise<void> {
  if ((await readCessation(tx)).active) throw domainError("CESSATION_IN_EFFECT");
}
