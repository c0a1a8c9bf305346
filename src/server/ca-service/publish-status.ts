import { publishStatusChange } from "@/server/ca-service/crl-publisher";
import { type ServiceContext, logger } from "@/server/core";

const log = logger.child({ area: "revocation" });

/**
 * Publishes a certificate's new status (hold, release, revocation) right after the commit that
 * changed it: the pre-signed OCSP responses are re-signed and the certificate's CRL shard is
 * re-issued, so relying parties see it within the same request. The change itself is already
 * recorded; if publishing fails it is logged and reported (published: false), and the next CRL
 * refresh and OCSP refresh pick it up from the rows, which are the source of truth.
 */
export async function publishCertificateStatus(ctx: Pick<ServiceContext, "ca" | "db" | "clock">, certificateId: string): Promise<boolean> {
  try {
    const ca = await ctx.ca();
    await publishStatusChange(ctx.db, ca, certificateId, ctx.clock.now());
    return true;
  } catch (e) {
    log.error({ err: e instanceof Error ? `${e.name}: ${e.message}` : "unknown", certificateId }, "status publication failed");
    return false;
  }
}

/**
 * The `afterCommit` step of a use case whose result names the certificates whose status changed
 * (publishCertificateIds): their status is published once the transaction has committed, and the
 * result says whether that worked (published) instead of naming them.
 */
export async function publishStatusAfterCommit<R extends { publishCertificateIds: readonly string[] }>(
  ctx: Pick<ServiceContext, "ca" | "db" | "clock">,
  result: R,
): Promise<Omit<R, "publishCertificateIds"> & { published: boolean }> {
  const { publishCertificateIds, ...rest } = result;
  let published = true;
  for (const id of publishCertificateIds) published = (await publishCertificateStatus(ctx, id)) && published;
  return { ...rest, published };
}
