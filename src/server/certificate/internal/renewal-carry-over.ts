import { carriedOverMs } from "@/domain/certificate";
import type { Tx } from "@/server/core";
import { renewalWindowSettings } from "@/server/shared";

/**
 * How much of the old certificate's validity a renewal or rekey carries over (its profile's
 * renewalContinuesValidity; the rule is carriedOverMs in src/domain/certificate/renewal-window.ts):
 * nothing for a new, change or CA-ordered update application (the subscriber is not buying
 * another period), nothing when the old certificate is revoked or suspended by now (its remaining
 * time is not there to continue), else its remaining time at `now`, bounded by the window.
 */
export async function renewalCarryOverMs(
  tx: Tx,
  app: { kind: string; replacesCertificateId: string | null; profile: Parameters<typeof renewalWindowSettings>[0] },
  now: Date,
): Promise<number> {
  if ((app.kind !== "RENEW" && app.kind !== "REKEY") || !app.replacesCertificateId) return 0;
  const settings = renewalWindowSettings(app.profile);
  if (!settings?.continuesValidity) return 0;
  const old = await tx.certificate.findUnique({ where: { id: app.replacesCertificateId }, select: { notAfter: true, revokedAt: true, holdAt: true } });
  if (!old || old.revokedAt || old.holdAt) return 0;
  return carriedOverMs(old.notAfter, now, settings);
}
