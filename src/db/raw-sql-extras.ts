import { ANNOUNCED_TABLES } from "./data-changes";

// Database objects that schema.prisma cannot express and that therefore exist only as raw SQL in
// the migrations. The drift test (tests/integration/db/schema-drift.test.ts) allows exactly
// these on top of what Prisma generates from schema.prisma, and requires every one of them.
export interface RawSqlExtra {
  kind: "index" | "trigger" | "function" | "check" | "unlogged";
  name: string;
  why: string;
}

export const RAW_SQL_EXTRAS: readonly RawSqlExtra[] = [
  // Migration 20261203124422_one_acceptance_per_subject replaced the first migration's per-context index.
  { kind: "index", name: "AgreementAcceptance_one_active_person_key", why: "partial unique index: one active acceptance per person acting for themselves" },
  { kind: "index", name: "AgreementAcceptance_one_active_organisation_key", why: "partial unique index: one active acceptance per organisation, whichever agent gave it" },
  { kind: "function", name: "audit_event_append_only", why: "raises on any change to AuditEvent" },
  { kind: "trigger", name: "AuditEvent_no_update_delete", why: "AuditEvent is append-only (row level)" },
  { kind: "trigger", name: "AuditEvent_no_truncate", why: "AuditEvent is append-only (TRUNCATE)" },
  // Migration 20261124150000_check_constraints.
  { kind: "check", name: "Certificate_validity_check", why: "notAfter > notBefore" },
  { kind: "check", name: "Certificate_crlShard_check", why: "crlShard >= 0" },
  { kind: "check", name: "IssuingCa_validity_check", why: "notAfter > notBefore" },
  { kind: "check", name: "IssuingCa_crlShardCount_check", why: "crlShardCount >= 1" },
  { kind: "check", name: "CrlShard_numbers_check", why: "shard and crlNumber >= 0" },
  { kind: "check", name: "AgentAuthorisation_period_check", why: "validUntil > validFrom" },
  { kind: "check", name: "Application_amounts_check", why: "feeCents >= 0, version >= 1" },
  { kind: "check", name: "CertificateProfile_values_check", why: "feeCents >= 0, validityDays > 0" },
  { kind: "check", name: "Notification_attempts_check", why: "attempts >= 0" },
  { kind: "check", name: "Document_size_check", why: "size >= 0" },
  // Migration 20261203060243_profile_renewal_window.
  { kind: "check", name: "CertificateProfile_renewal_window_check", why: "renewal window opens 1..365 days before expiry, closes 0..365 days after" },
  // Migration 20261203161827_certificate_status_notify.
  { kind: "function", name: "certificate_status_notify", why: "announces a certificate's status change (NOTIFY certificate_status, '<IssuingCa id>/<serialHex>')" },
  { kind: "trigger", name: "Certificate_status_notify", why: "every revocation, hold, release or removal of a Certificate row is announced to all instances at commit" },
  // Migrations 20261203163448_certificate_serving_indexes, 20261203164500_crl_entries_covering_index.
  { kind: "index", name: "Certificate_crl_entries_idx", why: "partial covering index: the revoked or held certificates of an issuing CA's CRL shard, read from the index alone (publishCrlShard)" },
  // Migration 20261203234500_data_changed_notify.
  { kind: "function", name: "data_changed_notify", why: "announces a committed change on the channel portal_data_changed (page caches: src/db/data-changes.ts)" },
  // Migration 20261204160000_rate_limit_bucket_unlogged.
  { kind: "unlogged", name: "RateLimitBucket", why: "one-minute counters written by every public query by serial: no WAL, no flush at commit; a crash or failover starts them again" },
  ...ANNOUNCED_TABLES.map((table) => ({ kind: "trigger" as const, name: `${table}_data_changed`, why: "a change of a table pages show is announced at commit (statement level)" })),
];
