import { getCaService } from "@/server/ca-service/ca-service";
import { publishStatusChange } from "@/server/ca-service/crl-publisher";
import type { ServiceContext } from "@/server/core/context";
import { logger } from "@/server/logger";

const log = logger.child({ area: "certificate" });

/**
 * After a committed revocation: re-sign OCSP and the CRL shard now. A failure here does not undo
 * the revocation (it is recorded); the CRL is re-signed at its next refresh and OCSP answers
 * from the database when its cached response ages, so the failure is logged, not thrown.
 */
export async function publishAfterCommit(ctx: ServiceContext, certificateIds: readonly string[]): Promise<void> {
  if (certificateIds.length === 0) return;
  try {
    const ca = await getCaService(ctx.db);
    for (const id of certificateIds) await publishStatusChange(ctx.db, ca, id, ctx.clock.now());
  } catch (e) {
    log.error({ err: e instanceof Error ? e.name : "unknown", certificateIds }, "status publication after revocation failed");
  }
}
