import { oldestSignature, type PresignedEntry } from "@/ca/ocsp/ocsp-responder";

/** Cached certificates checked per database query when the OCSP cache is refreshed. */
export const OCSP_REFRESH_BATCH = 500;

export interface OcspRefreshPorts {
  /**
   * Of these cached certificates, the ones whose row changed after `since`: key
   * `${issuerEntityId}/${serialHex}`, value the row's updatedAt. One query per call.
   */
  changedSince(batch: readonly PresignedEntry[], since: Date): Promise<Map<string, Date>>;
  onStatusChanged(issuerId: string, serialHex: string): Promise<void>;
  refreshIfDue(entry: PresignedEntry): Promise<boolean>;
}

/**
 * The OCSP sweep over this process's pre-signed responses: re-signs a certificate whose row changed
 * since its responses were signed (a revocation by another instance), else those past their
 * refresh point. Batched, and loops instead of spreading, so a cache of any size costs one query
 * per OCSP_REFRESH_BATCH certificates and never overflows the call stack. Returns how many re-signed.
 */
export async function refreshOcspEntries(entries: readonly PresignedEntry[], ports: OcspRefreshPorts, batchSize = OCSP_REFRESH_BATCH): Promise<number> {
  let resigned = 0;
  for (let i = 0; i < entries.length; i += batchSize) {
    const batch = entries.slice(i, i + batchSize);
    let since: Date | undefined;
    for (const entry of batch) {
      const signedAt = oldestSignature(entry);
      if (signedAt && (!since || signedAt < since)) since = signedAt;
    }
    const changed = since ? await ports.changedSince(batch, since) : new Map<string, Date>();
    for (const entry of batch) {
      const signedAt = oldestSignature(entry);
      const changedAt = changed.get(`${entry.issuerId}/${entry.serialHex}`);
      if (signedAt && changedAt && changedAt > signedAt) {
        await ports.onStatusChanged(entry.issuerId, entry.serialHex);
        resigned += 1;
      } else if (await ports.refreshIfDue(entry)) {
        resigned += 1;
      }
    }
  }
  return resigned;
}
