import type { ApplicationStatus, CertificateStatus, Prisma, PrismaClient, RevocationReason } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";
import { namesDiffer } from "@/domain/identity";

type Db = Tx | PrismaClient;

/** Why another application or certificate may be the same subject or the same key. */
export type DuplicateMatch = "SAME_ID_NUMBER" | "SAME_KEY";

/** What the review compares: the application's normalised facts (Application.identityKey, publicKeySha256). */
export interface SubjectFacts {
  applicationId: string;
  applicantId: string;
  organisationId: string | null;
  identityKey: string | null;
  publicKeySha256: string | null;
  /** The certificate a renewal, rekey or change replaces: its own predecessor is no duplicate. */
  replacesCertificateId: string | null;
  /** The officer's RA (null: every RA): an application of another RA is shown, but not linked (its page would answer 404). */
  officerRaId: string | null;
  /** The name this application rests on (the person's legal name, or the organisation's), null when erased. */
  subjectName?: string | null;
}

/** Under review or waiting to be issued: a second one for the same subject or key is what the officer must notice. */
const OPEN_STATUSES: ApplicationStatus[] = ["SUBMITTED", "NEEDS_INFO", "APPROVED"];
/** Not revoked and not expired by status (a passed notAfter is checked beside it). */
const LIVE_CERTIFICATE_STATUSES: CertificateStatus[] = ["ISSUED", "ACTIVE", "SUSPENDED"];
/** Each list is bounded: the page shows the newest and how many more there are. */
export const SUBJECT_LIST_LIMIT = 20;

const applicationSelect = {
  id: true, kind: true, status: true, createdAt: true, submittedAt: true, decisionReason: true, registrationAuthorityId: true,
  applicantId: true, identityKey: true, publicKeySha256: true,
  applicant: { select: { email: true, displayName: true } },
  subscriberIdentity: { select: { legalName: true, anonymisedAt: true } },
  organisation: { select: { name: true, anonymisedAt: true } },
} satisfies Prisma.ApplicationSelect;

const certificateSelect = {
  id: true, serialHex: true, subjectDn: true, status: true, notBefore: true, notAfter: true, revocationReason: true, publicKeySha256: true,
  application: { select: { identityKey: true, applicantId: true, applicant: { select: { email: true } } } },
} satisfies Prisma.CertificateSelect;

type ApplicationRow = Prisma.ApplicationGetPayload<{ select: typeof applicationSelect }>;
type CertificateRow = Prisma.CertificateGetPayload<{ select: typeof certificateSelect }>;

export interface SubjectApplication {
  id: string;
  kind: string;
  status: ApplicationStatus;
  createdAt: Date;
  submittedAt: Date | null;
  /** Null for another RA's application: its decision is that RA's work, not this officer's to read. */
  decisionReason: string | null;
  /** Null for another RA's application: the applicant's account is that RA's data (RA scoping). */
  applicantEmail: string | null;
  applicantName: string | null;
  /** The name the application rests on (the person's legal name, or the organisation's): shows a differently spelled name. */
  subjectName: string | null;
  /** Another account than this application's applicant. */
  otherAccount: boolean;
  /** A different name than this application's (not merely spelled with other spaces or case): said in words on the page. */
  nameDiffers: boolean;
  /** The review page, or null when the application belongs to another RA than the officer's. */
  href: string | null;
}

export interface SubjectCertificate {
  id: string;
  serialHex: string;
  subjectDn: string;
  status: CertificateStatus;
  notBefore: Date;
  notAfter: Date;
  revocationReason: RevocationReason | null;
  applicantEmail: string | null;
  otherAccount: boolean;
  /** The staff page of the certificate (delivery and its case), open to every officer. */
  href: string;
}

export type PossibleDuplicate =
  | ({ type: "application"; matchedBy: DuplicateMatch[] } & SubjectApplication)
  | ({ type: "certificate"; matchedBy: DuplicateMatch[] } & SubjectCertificate);

function toApplication(row: ApplicationRow, facts: SubjectFacts): SubjectApplication {
  const subjectName = row.organisation
    ? (row.organisation.anonymisedAt ? null : row.organisation.name)
    : row.subscriberIdentity && !row.subscriberIdentity.anonymisedAt ? row.subscriberIdentity.legalName : null;
  // Another RA's application is shown as a warning (that the subject is known there, why it matched,
  // its state), not opened: the officer reads nothing there that its own page would refuse them
  // (auth/application-review-access.ts), so not its applicant's account nor its decision.
  const ownRa = facts.officerRaId === null || facts.officerRaId === row.registrationAuthorityId;
  return {
    id: row.id, kind: row.kind, status: row.status, createdAt: row.createdAt, submittedAt: row.submittedAt,
    decisionReason: ownRa ? row.decisionReason : null,
    applicantEmail: ownRa ? row.applicant.email : null,
    applicantName: ownRa ? row.applicant.displayName : null,
    subjectName,
    otherAccount: row.applicantId !== facts.applicantId,
    nameDiffers: !!(subjectName && facts.subjectName && namesDiffer(subjectName, facts.subjectName)),
    href: ownRa ? `/ra/applications/${row.id}` : null,
  };
}

function toCertificate(row: CertificateRow, facts: SubjectFacts): SubjectCertificate {
  return {
    id: row.id, serialHex: row.serialHex, subjectDn: row.subjectDn, status: row.status, notBefore: row.notBefore, notAfter: row.notAfter,
    revocationReason: row.revocationReason, applicantEmail: row.application?.applicant.email ?? null,
    otherAccount: row.application ? row.application.applicantId !== facts.applicantId : false,
    href: `/ra/deliveries/${row.id}`,
  };
}

function matches(row: { identityKey?: string | null; publicKeySha256: string | null }, facts: SubjectFacts): DuplicateMatch[] {
  const m: DuplicateMatch[] = [];
  if (facts.identityKey && row.identityKey === facts.identityKey) m.push("SAME_ID_NUMBER");
  if (facts.publicKeySha256 && row.publicKeySha256 === facts.publicKeySha256) m.push("SAME_KEY");
  return m;
}

/**
 * Possible duplicates, over every application and certificate (not only this applicant's, not
 * only this RA's), by indexed columns: another open application for the same identity number or
 * the same key; a live certificate of the same identity number; any certificate, revoked too,
 * on the same key (a revoked key coming back is the strongest warning). The application's own
 * certificate and the one it replaces are left out: they are expected.
 */
export async function findPossibleDuplicates(db: Db, facts: SubjectFacts, now: Date): Promise<PossibleDuplicate[]> {
  const byIdentity = facts.identityKey ? [{ identityKey: facts.identityKey }] : [];
  const byKey = facts.publicKeySha256 ? [{ publicKeySha256: facts.publicKeySha256 }] : [];
  if (byIdentity.length + byKey.length === 0) return [];
  const notOwn = facts.replacesCertificateId ? { id: { not: facts.replacesCertificateId } } : {};
  const [applications, certificates] = await Promise.all([
    db.application.findMany({
      where: { id: { not: facts.applicationId }, status: { in: OPEN_STATUSES }, OR: [...byIdentity, ...byKey] },
      orderBy: { createdAt: "desc" },
      take: SUBJECT_LIST_LIMIT,
      select: applicationSelect,
    }),
    db.certificate.findMany({
      where: {
        AND: [
          notOwn,
          { OR: [{ applicationId: null }, { applicationId: { not: facts.applicationId } }] },
          {
            OR: [
              ...(facts.identityKey ? [{ application: { identityKey: facts.identityKey }, status: { in: LIVE_CERTIFICATE_STATUSES }, notAfter: { gt: now } }] : []),
              ...byKey,
            ],
          },
        ],
      },
      orderBy: { notBefore: "desc" },
      take: SUBJECT_LIST_LIMIT,
      select: certificateSelect,
    }),
  ]);
  return [
    ...applications.map((a) => ({ type: "application" as const, matchedBy: matches(a, facts), ...toApplication(a, facts) })),
    ...certificates.map((c) => ({ type: "certificate" as const, matchedBy: matches({ identityKey: c.application?.identityKey, publicKeySha256: c.publicKeySha256 }, facts), ...toCertificate(c, facts) })),
  ];
}

export interface SubjectHistory {
  applications: SubjectApplication[];
  /** How many more earlier applications there are than listed. */
  moreApplications: number;
  certificates: SubjectCertificate[];
  moreCertificates: number;
}

/**
 * The subject's earlier applications and certificates: by the identity key across every account
 * (the same person applying from a second account, an organisation through several agents), and
 * the applicant's or organisation's own as before. Newest first, bounded, with a count of the rest.
 */
export async function subjectHistory(db: Db, facts: SubjectFacts): Promise<SubjectHistory> {
  const owner: Prisma.ApplicationWhereInput = facts.organisationId ? { organisationId: facts.organisationId } : { applicantId: facts.applicantId, organisationId: null };
  const ownerCertificate: Prisma.CertificateWhereInput = facts.organisationId
    ? { subscriberOrganisationId: facts.organisationId }
    : { subscriberUserId: facts.applicantId, subscriberOrganisationId: null };
  const applicationWhere: Prisma.ApplicationWhereInput = { id: { not: facts.applicationId }, OR: [owner, ...(facts.identityKey ? [{ identityKey: facts.identityKey }] : [])] };
  const certificateWhere: Prisma.CertificateWhereInput = { OR: [ownerCertificate, ...(facts.identityKey ? [{ application: { identityKey: facts.identityKey } }] : [])] };
  const [applications, applicationCount, certificates, certificateCount] = await Promise.all([
    db.application.findMany({ where: applicationWhere, orderBy: { createdAt: "desc" }, take: SUBJECT_LIST_LIMIT, select: applicationSelect }),
    db.application.count({ where: applicationWhere }),
    db.certificate.findMany({ where: certificateWhere, orderBy: { notBefore: "desc" }, take: SUBJECT_LIST_LIMIT, select: certificateSelect }),
    db.certificate.count({ where: certificateWhere }),
  ]);
  return {
    applications: applications.map((a) => toApplication(a, facts)),
    moreApplications: applicationCount - applications.length,
    certificates: certificates.map((c) => toCertificate(c, facts)),
    moreCertificates: certificateCount - certificates.length,
  };
}
