import type { z } from "zod";
import { getCaService } from "@/server/ca-service/ca-service";
import { publishStatusChange } from "@/server/ca-service/crl-publisher";
import type { ServiceContext } from "@/server/core/context";
import type { UseCase } from "@/server/core/use-case";
import { logger } from "@/server/logger";

const log = logger.child({ area: "revocation" });

/**
 * Publishes a certificate's new status (hold, release, revocation) right after the commit that
 * changed it: the pre-signed OCSP responses are re-signed and the certificate's CRL shard is
 * re-issued, so relying parties see it within the same request. The change itself is already
 * recorded; if publishing fails it is logged and reported (published: false), and the next CRL
 * refresh and OCSP refresh pick it up from the rows, which are the source of truth.
 */
export async function publishCertificateStatus(ctx: Pick<ServiceContext, "db" | "clock">, certificateId: string): Promise<boolean> {
  try {
    const ca = await getCaService(ctx.db);
    await publishStatusChange(ctx.db, ca, certificateId, ctx.clock.now());
    return true;
  } catch (e) {
    log.error({ err: e instanceof Error ? `${e.name}: ${e.message}` : "unknown", certificateId }, "status publication failed");
    return false;
  }
}

/**
 * Wraps a use case whose result names the certificates whose status changed: after its
 * transaction commits, their status is published, and the result says whether that worked.
 */
export function withStatusPublication<S extends z.ZodType, R extends { publishCertificateIds: readonly string[] }>(
  inner: UseCase<S, R>,
): UseCase<S, Omit<R, "publishCertificateIds"> & { published: boolean }> {
  const fn = async (ctx: ServiceContext, rawInput: z.input<S>) => {
    const { publishCertificateIds, ...rest } = await inner(ctx, rawInput);
    let published = true;
    for (const id of publishCertificateIds) published = (await publishCertificateStatus(ctx, id)) && published;
    return { ...rest, published };
  };
  return Object.assign(fn, { useCaseName: inner.useCaseName, input: inner.input });
}
