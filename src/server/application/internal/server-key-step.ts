import type { Application } from "@/generated/prisma/client";
import { issuanceBlocker } from "@/server/application/ready-for-issuance";

/**
 * Where an application with a server-made key (clause 1.3) stands for the applicant:
 * READY - approved, fee settled, no certificate yet: the PKCS#12 password may be given now;
 * AWAITING_FEE - approved but unpaid; LATER - still in review (the form comes after approval);
 * NONE - not a server-made key, already issued, or closed.
 * Decided by the same issuanceBlocker the issuance use case enforces, so the pages never offer a
 * form the use case would refuse.
 */
export type ServerKeyStep = "NONE" | "LATER" | "AWAITING_FEE" | "READY";

const IN_REVIEW: readonly Application["status"][] = ["DRAFT", "SUBMITTED", "NEEDS_INFO"];

export function serverKeyStep(app: { keyGeneration: Application["keyGeneration"]; status: Application["status"]; feeStatus: Application["feeStatus"]; hasCertificate: boolean }): ServerKeyStep {
  if (app.keyGeneration !== "SERVER_PKCS12" || app.hasCertificate) return "NONE";
  const blocker = issuanceBlocker(app);
  if (blocker === null) return "READY";
  if (blocker === "FEE_UNPAID") return "AWAITING_FEE";
  return IN_REVIEW.includes(app.status) ? "LATER" : "NONE";
}
