import type { KeyCompromiseCascade } from "@/server/revocation";
import { appendAuditEvent, enqueueNotification, type Tx } from "@/server/core";

/**
 * For tests that call revokeCertificate with KEY_COMPROMISE in a bare transaction (no use case):
 * the cascade's events are appended as the operator CLI's are (role OPERATOR_CLI), its notices queued.
 */
export function testKeyCompromise(tx: Tx, now: Date): KeyCompromiseCascade {
  return {
    source: "OPERATOR_CLI",
    evidence: {
      auditConsequence: async (e) => {
        await appendAuditEvent(tx, { at: now, actorId: null, actorRoles: ["OPERATOR_CLI"], ...e });
      },
      notify: (n) => enqueueNotification(tx, n, now),
    },
  };
}
