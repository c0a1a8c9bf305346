import type { CertificateActionFacts, RenewalWindowSettings } from "@/domain/certificate";
import type { Certificate, CertificateProfile, Objection } from "@/generated/prisma/client";

/** The profile's renewal settings, as a read model includes them: `include: { profile: RENEWAL_WINDOW_SELECT }`. */
export const RENEWAL_WINDOW_SELECT = { select: { renewalOpensDaysBefore: true, renewalClosesDaysAfter: true, renewalContinuesValidity: true } } as const;
// The index signature keeps any profile selection assignable (a selection without these columns simply has no window).
type RenewalColumns = Pick<CertificateProfile, "renewalOpensDaysBefore" | "renewalClosesDaysAfter" | "renewalContinuesValidity">;
type ProfileSelection = Partial<RenewalColumns> & Record<string, unknown>;

/**
 * Selects whether an update notice still asks for this certificate's replacement: `include: {
 * updateNoticeTargets: OPEN_UPDATE_TARGETS }`. Not once the deadline job has dealt with the target
 * (lapsedAt): after the deadline the notice no longer opens the window.
 */
export const OPEN_UPDATE_TARGETS = { where: { resolvedAt: null, lapsedAt: null }, select: { id: true } } as const;

export type CertificateWithObjections = Certificate & { objections: Objection[]; profile?: ProfileSelection | null; updateNoticeTargets?: readonly unknown[] };
/**
 * The columns certificateFacts reads, so a read model may select only those (the public query by
 * serial reads them in one raw statement) and still derive the state the same way.
 */
export type CertificateFactsRow = Pick<
  Certificate,
  "notBefore" | "notAfter" | "receiptAt" | "testWindowDeadline" | "testWindowProvisional" | "acceptanceKind" | "acceptedAt" | "holdAt" | "revokedAt" | "revocationReason" | "supersededById" | "applicationId"
> & { objections: ReadonlyArray<Pick<Objection, "raisedAt" | "resolvedAt" | "resolution">>; profile?: ProfileSelection | null; updateNoticeTargets?: readonly unknown[] };

/** The renewal window of a profile row, when the row was read with its renewal columns. */
export function renewalWindowSettings(p: ProfileSelection | null | undefined): RenewalWindowSettings | undefined {
  if (!p || p.renewalOpensDaysBefore === undefined || p.renewalClosesDaysAfter === undefined || p.renewalContinuesValidity === undefined) return undefined;
  return { opensDaysBefore: p.renewalOpensDaysBefore, closesDaysAfter: p.renewalClosesDaysAfter, continuesValidity: p.renewalContinuesValidity };
}

/**
 * The stored facts the domain derives the certificate's state, and what it allows, from. The
 * renewal window is judged only when the certificate was read with its profile's renewal columns
 * (RENEWAL_WINDOW_SELECT); when an update notice still asks for the certificate to be replaced
 * (its open targets selected, e.g. OPEN_UPDATE_TARGETS), the window opens early for it (clause 4:
 * the update is due by the notice's deadline, whenever that falls), but never reopens once closed.
 */
export function certificateFacts(c: CertificateFactsRow): CertificateActionFacts {
  const updateOrdered = (c.updateNoticeTargets?.length ?? 0) > 0;
  const renewalWindow = renewalWindowSettings(c.profile);
  return {
    ...(renewalWindow ? { renewalWindow } : {}),
    ...(updateOrdered ? { updateOrdered } : {}),
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    receiptAt: c.receiptAt,
    testWindowDeadline: c.testWindowDeadline,
    testWindowProvisional: c.testWindowProvisional,
    explicitAcceptedAt: c.acceptanceKind === "EXPLICIT" ? c.acceptedAt : null,
    objections: c.objections.map((o) => ({ raisedAt: o.raisedAt, resolvedAt: o.resolvedAt, resolution: o.resolution })),
    holdAt: c.holdAt,
    holdReleasedAt: null,
    revokedAt: c.revokedAt,
    revocationReason: c.revocationReason,
    supersededById: c.supersededById,
    hasApplication: c.applicationId !== null,
  };
}
