import type { Tx, UseCaseScope } from "@/server/core";
import { domainError } from "@/server/core";

/** Where a key enters issuance: a CSR attached in the apply wizard (typed, uploaded or made by the browser), a rekey or change with a new CSR, and the issuance itself. Each refuses a blocked key before it writes anything; a server-generated key is checked by the CA engine in the issuing transaction. */
export type KeyDoor = "CSR" | "REKEY" | "ISSUANCE";

/** True when a key-compromise revocation put this SubjectPublicKeyInfo hash on the blocked list. */
export async function isKeyBlocked(tx: Tx, spkiSha256: string): Promise<boolean> {
  return (await tx.blockedKey.count({ where: { spkiSha256 } })) > 0;
}

/**
 * Refuses a blocked key with KEY_BLOCKED at one of issuance's doors. The attempt is evidence (a
 * compromised key offered again, perhaps by whoever holds it now): its audit event is committed,
 * nothing else. Call it before the use case writes anything, or that would be committed too.
 */
export async function refuseBlockedKey(
  s: UseCaseScope,
  args: { spkiSha256: string; door: KeyDoor; applicationId: string | null; certificateId?: string | null; onBehalfOfId?: string | null },
): Promise<void> {
  if (!(await isKeyBlocked(s.tx, args.spkiSha256))) return;
  s.audit({
    action: "certificate.blocked-key-refused",
    subjectType: args.applicationId ? "Application" : "Certificate",
    subjectId: args.applicationId ?? args.certificateId ?? null,
    onBehalfOfId: args.onBehalfOfId ?? null,
    summary: { door: args.door, spkiSha256: args.spkiSha256, applicationId: args.applicationId, certificateId: args.certificateId ?? null },
  });
  s.rejectAfterCommit(domainError("KEY_BLOCKED", args.door === "REKEY" || args.door === "CSR" ? { field: "csrPem" } : undefined));
}
