// Database objects that schema.prisma cannot express and that therefore exist only as raw SQL in
// the migrations. The drift test (tests/integration/db/schema-drift.test.ts) allows exactly
// these on top of what Prisma generates from schema.prisma, and requires every one of them.
export interface RawSqlExtra {
  kind: "index" | "trigger" | "function";
  name: string;
  why: string;
}

export const RAW_SQL_EXTRAS: readonly RawSqlExtra[] = [
  {
    kind: "index",
    name: "AgreementAcceptance_one_active_key",
    why: "partial unique index: one active acceptance per (user, on-behalf-of organisation, context)",
  },
  { kind: "function", name: "audit_event_append_only", why: "raises on any change to AuditEvent" },
  { kind: "trigger", name: "AuditEvent_no_update_delete", why: "AuditEvent is append-only (row level)" },
  { kind: "trigger", name: "AuditEvent_no_truncate", why: "AuditEvent is append-only (TRUNCATE)" },
];
