// Which version of the portal's data this process has seen, for caches of rendered pages
// (src/server/page-cache). The database announces every committed change of the tables pages read
// on the channel below (trigger "data_changed_notify", migration 20261203234500_data_changed_notify):
// PGlite delivers it to this process before the committing query returns (src/db/open.ts listens);
// on PostgreSQL a dedicated listening session receives it from every instance, the CLI and SQL
// (src/server/page-cache/data-change-listener.ts), a few milliseconds after the commit.
//
// "Live" says whether every change is being heard: on PostgreSQL only while that session listens.
// A cache must not answer from what it holds while it is not live, since a change made elsewhere
// would go unnoticed. Kept on globalThis: Next bundles this module into several chunks of one process.

/** The NOTIFY channel of the data-changed trigger (payload empty: one notification per transaction). */
export const DATA_CHANGED_CHANNEL = "portal_data_changed";

const state = ((globalThis as { [key: symbol]: unknown })[Symbol.for("portal.db.data-changes")] ??= { version: 0, live: false }) as {
  version: number;
  live: boolean;
};

/** Increases with every change heard (and with every loss of hearing); compare for equality only. */
export function dataVersion(): number {
  return state.version;
}

/** A change was committed (or may have been: a write request finished, the listener reconnected). */
export function noteDataChanged(): void {
  state.version++;
}

/** Whether every committed change reaches this process now. */
export function dataChangesLive(): boolean {
  return state.live;
}

/** Set by whoever listens: true once listening, false when the session is lost (which also counts as a change). */
export function setDataChangesLive(live: boolean): void {
  if (state.live !== live) state.version++;
  state.live = live;
}

/**
 * The tables whose changes are announced (each has the statement-level trigger "<table>_data_changed").
 * A new table joins this list, with its trigger in a migration, or QUIET_TABLES with a reason:
 * tests/integration/db/data-changes.test.ts fails on a table that is in neither.
 */
export const ANNOUNCED_TABLES = [
  "User",
  "EmailToken",
  "TotpFactor",
  "RecoveryCode",
  "Passkey",
  "Notification",
  "AppSetting",
  "Organisation",
  "OrganisationMember",
  "AgentAuthorisation",
  "RegistrationAuthority",
  "AgreementVersion",
  "AgreementText",
  "AgreementAcceptance",
  "SubscriberIdentity",
  "Application",
  "ApplicationInfoRequest",
  "Document",
  "CertificateProfile",
  "IssuingCa",
  "Certificate",
  "CertificateTestResult",
  "Objection",
  "RevocationRequest",
  "Revocation",
  "EscrowedKey",
  "BlockedKey",
  "RevocationBatch",
  "RevocationBatchItem",
  "CrlShard",
  "UpdateNotice",
  "UpdateNoticeTarget",
  "SupportRequest",
  "SupportMessage",
  "PrivacyRequest",
  "Processor",
  "Disclosure",
  "CalendarYear",
  "CalendarDay",
  "ProblemReport",
  "ApprovalRequest",
  "ApprovalDecision",
] as const;

/** Tables left unannounced: they change constantly and no cached page shows them. */
export const QUIET_TABLES: Readonly<Record<string, string>> = {
  AuditEvent: "append-only evidence; no cached page shows it, and a read that is audited must not invalidate every page",
  SignInAttempt: "written on every sign-in attempt; read only by the lockout check",
  RateLimitBucket: "written on every rate-limited request; read only by the limiter",
  WebAuthnChallenge: "short-lived ceremony state; no page shows it",
  JobLease: "the schedulers' leases, renewed every run; no cached page shows them",
  SweepRun: "one row per job run; shown only on /admin/jobs, which is never cached",
  OcspResponse: "re-signed every minute; OCSP answers are not pages",
  TimestampToken: "one row per timestamp request; no cached page shows them",
};
