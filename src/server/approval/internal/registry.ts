import type { ApprovalKindName } from "@/domain/approval";
import { DomainError } from "@/server/core";
import type { Approvable } from "./approvable";
import { agreementPublication } from "./kinds/agreement-publication";
import { batchRevocation } from "./kinds/batch-revocation";
import { calendarImport } from "./kinds/calendar-import";
import { caRevocation } from "./kinds/ca-revocation";
import { cessationOff, cessationOn } from "./kinds/cessation";
import { profileChange } from "./kinds/profile-change";
import { keyRecovery } from "./kinds/key-recovery";
import { raRetirement } from "./kinds/ra-retirement";

/**
 * The registry of approvable actions: kind -> its entry (internal/approvable.ts). A kind of the
 * enum without an entry here cannot be requested (helper D registers BATCH_REVOCATION).
 */
export const APPROVABLE: Partial<Record<ApprovalKindName, Approvable>> = {
  CA_REVOCATION: caRevocation,
  AGREEMENT_PUBLICATION: agreementPublication,
  PROFILE_CHANGE: profileChange,
  RA_RETIREMENT: raRetirement,
  CESSATION_ON: cessationOn,
  CESSATION_OFF: cessationOff,
  CALENDAR_IMPORT: calendarImport,
  BATCH_REVOCATION: batchRevocation,
  KEY_RECOVERY: keyRecovery,
};

export function approvableOf(kind: ApprovalKindName): Approvable {
  const entry = APPROVABLE[kind];
  if (!entry) throw new DomainError("VALIDATION_FAILED", { issues: { kind: ["NOT_APPROVABLE"] } });
  return entry;
}
