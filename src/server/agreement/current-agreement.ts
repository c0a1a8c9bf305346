import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

/**
 * The version a subscriber must have accepted at `now`: the highest published version whose
 * effective date has come. A version published with a future effective date changes nothing
 * until that date (clause 7.1: revisions take effect when published as effective).
 */
export async function findCurrentAgreementVersion(db: Tx | PrismaClient, now: Date) {
  return db.agreementVersion.findFirst({
    where: { publishedAt: { not: null, lte: now }, effectiveAt: { lte: now } },
    orderBy: { version: "desc" },
    select: { id: true, version: true, contentHash: true, effectiveAt: true },
  });
}
