import { reasonCode, slaOutcome, slaState, type SlaState } from "@/domain/revocation";
import type { RevocationRequest } from "@/generated/prisma/client";

export interface RevocationRequestView {
  id: string;
  certificateId: string;
  kind: RevocationRequest["kind"];
  status: RevocationRequest["status"];
  reason: RevocationRequest["reasonCode"];
  /** RFC 5280 CRLReason number. */
  reasonCodeNumber: number;
  caGround: RevocationRequest["caGround"];
  confirmationMethod: RevocationRequest["confirmationMethod"];
  /** Clause 1.4's times: what decides liability before revocation. ISO strings, null when not (yet) reached. */
  times: { receivedAt: string; compliantAt: string | null; dueAt: string | null; doneAt: string | null };
  /** Open requests with a deadline: ok / dueSoon / overdue now; closed ones: met / missed. */
  sla: SlaState | "met" | "missed" | null;
  rejectedReason: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The shape shown to subscribers and officers and signed into receipts. */
export function requestView(r: RevocationRequest, now: Date): RevocationRequestView {
  let sla: RevocationRequestView["sla"] = null;
  if (r.dueAt) {
    if (r.status === "COMPLIANT") sla = slaState(now, r.dueAt);
    else if (r.status === "DONE" && r.doneAt) sla = slaOutcome(r.dueAt, r.doneAt);
  }
  return {
    id: r.id,
    certificateId: r.certificateId,
    kind: r.kind,
    status: r.status,
    reason: r.reasonCode,
    reasonCodeNumber: reasonCode(r.reasonCode),
    caGround: r.caGround,
    confirmationMethod: r.confirmationMethod,
    times: { receivedAt: r.receivedAt.toISOString(), compliantAt: iso(r.compliantAt), dueAt: iso(r.dueAt), doneAt: iso(r.doneAt) },
    sla,
    rejectedReason: r.rejectedReason,
  };
}
