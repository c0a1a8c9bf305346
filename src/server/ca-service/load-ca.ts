import type { CaService } from "@/server/ca-service/ca-service";
import { type ServiceContext, domainError, logger } from "@/server/core";

/** The CA service, or CA_UNAVAILABLE (the cause is logged, never shown). */
export async function loadCaOrUnavailable(ctx: Pick<ServiceContext, "ca">): Promise<CaService> {
  try {
    return await ctx.ca();
  } catch (e) {
    logger.error({ area: "certificate", err: e instanceof Error ? e.message : "unknown" }, "CA service unavailable");
    throw domainError("CA_UNAVAILABLE");
  }
}
