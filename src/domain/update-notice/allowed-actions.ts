/**
 * One certificate named in an update notice, as its holder sees it (clause 4): updated (a
 * replacement was accepted), open (still to be updated), revoked at the deadline by the notice's
 * consequence, or ended otherwise (revoked or expired without an update: nothing left to update).
 */
export type UpdateTargetState = "UPDATED" | "OPEN" | "REVOKED_AT_DEADLINE" | "ENDED";

export interface UpdateTargetFacts {
  resolvedAt: Date | null;
  lapsedAt: Date | null;
  certificateRevokedAt: Date | null;
  certificateNotAfter: Date;
  /** The certificate's own answer to "rekey" (src/domain/certificate): an update is a rekey. */
  rekey: { ok: true } | { ok: false; reason: string };
}

export type UpdateTargetRefusal = "UPDATE_TARGET_UPDATED" | "UPDATE_TARGET_ENDED" | "CERT_NOT_RENEWABLE";

export type UpdateTargetAllowed = { ok: true } | { ok: false; reason: UpdateTargetRefusal | string };

export function updateTargetState(f: UpdateTargetFacts, now: Date): UpdateTargetState {
  if (f.resolvedAt) return "UPDATED";
  if (f.lapsedAt && f.certificateRevokedAt) return "REVOKED_AT_DEADLINE";
  if (f.certificateRevokedAt || f.certificateNotAfter.getTime() <= now.getTime()) return "ENDED";
  return "OPEN";
}

/**
 * What the holder may do about one target: start the update (a rekey of the certificate) while
 * it is open and the certificate itself allows a rekey; otherwise the stable reason why not.
 */
export function allowedUpdateTargetActions(f: UpdateTargetFacts, now: Date): { startUpdate: UpdateTargetAllowed } {
  const state = updateTargetState(f, now);
  if (state === "UPDATED") return { startUpdate: { ok: false, reason: "UPDATE_TARGET_UPDATED" } };
  if (state !== "OPEN") return { startUpdate: { ok: false, reason: "UPDATE_TARGET_ENDED" } };
  return { startUpdate: f.rekey.ok ? { ok: true } : { ok: false, reason: f.rekey.reason } };
}
