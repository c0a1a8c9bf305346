/**
 * The CA administrator's actions that take effect only when other administrators approve them
 * (dual control, issue 14 item 5). Mirrors the Prisma enum ApprovalKind (a unit test compares them).
 */
export const APPROVAL_KINDS = [
  "CA_REVOCATION",
  "BATCH_REVOCATION",
  "AGREEMENT_PUBLICATION",
  "PROFILE_CHANGE",
  "RA_RETIREMENT",
  "CESSATION_ON",
  "CESSATION_OFF",
  "CALENDAR_IMPORT",
  "KEY_RECOVERY",
] as const;
export type ApprovalKindName = (typeof APPROVAL_KINDS)[number];

/** Mirrors the Prisma enum ApprovalStatus. APPROVED is never at rest: the last approval runs the action in its transaction, ending EXECUTED or FAILED. */
export type ApprovalStatusName = "PENDING" | "APPROVED" | "REJECTED" | "EXPIRED" | "EXECUTED" | "FAILED";
export type ApprovalDecisionName = "APPROVE" | "REJECT";
