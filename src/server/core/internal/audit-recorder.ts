import { appendAuditEvent, type AuditInput } from "@/server/core/audit";
import type { Tx } from "@/server/core/context";

/** Who and where an event is recorded for when the event itself does not say (it may override the actor). */
export interface AuditDefaults {
  at: Date;
  actorId: string | null;
  actorRoles: readonly string[];
  ip: string | null;
  userAgent: string | null;
}

/**
 * Holds the one audit event a unit of work (use case or system task) records, and writes it as
 * the last statement of that unit's transaction. Shared by defineUseCase and defineSystemTask so
 * both enforce the same rule: one event, written in the transaction of the change.
 */
export function auditRecorder(unitName: string) {
  let event: AuditInput | null = null;
  // Events of further records the unit's change brought about by rule (a key-compromise cascade
  // revokes the other certificates on the key: each revocation is evidence of its own). Written
  // just before the unit's own event, in the same transaction; they never replace it.
  const consequences: AuditInput[] = [];
  return {
    record(e: AuditInput): void {
      if (event) throw new Error(`${unitName}: a unit of work writes one audit event`);
      event = e;
    },
    recordConsequence(e: AuditInput): void {
      consequences.push(e);
    },
    get recorded(): boolean {
      return event !== null;
    },
    async write(tx: Tx, defaults: AuditDefaults): Promise<void> {
      if (!event) throw new Error(`${unitName}: no audit event recorded`);
      const e: AuditInput = event;
      for (const c of consequences) {
        await appendAuditEvent(tx, {
          ...c,
          at: defaults.at,
          actorId: c.actorId !== undefined ? c.actorId : defaults.actorId,
          actorRoles: c.actorRoles ?? defaults.actorRoles,
          ip: defaults.ip,
          userAgent: defaults.userAgent,
        });
      }
      await appendAuditEvent(tx, {
        ...e,
        at: defaults.at,
        actorId: e.actorId !== undefined ? e.actorId : defaults.actorId,
        actorRoles: e.actorRoles ?? defaults.actorRoles,
        ip: defaults.ip,
        userAgent: defaults.userAgent,
      });
    },
  };
}
