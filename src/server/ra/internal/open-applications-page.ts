import { Prisma, type PrismaClient } from "@/generated/prisma/client";

/** The statuses in which an application waits for an officer (the queue's applications). */
export const OPEN_APPLICATION_STATUSES = ["SUBMITTED", "NEEDS_INFO", "APPROVED"] as const;

/** What the RA queue shows of an open application. */
export interface OpenApplicationRow {
  id: string;
  kind: string;
  status: string;
  feeStatus: string;
  submittedAt: Date | null;
  createdAt: Date;
  applicantEmail: string;
  applicantName: string | null;
  organisationName: string | null;
  profileNameZh: string;
  profileNameEn: string;
  raName: string | null;
}

type Raw = Omit<OpenApplicationRow, "submittedAt" | "createdAt"> & { submittedAt: Date | string | null; createdAt: Date | string };

/**
 * The queue's page of open applications (SUBMITTED, NEEDS_INFO, APPROVED) in submission order,
 * id breaking ties, at most `take`, within the officer's RA when they have one; in one statement.
 * The page's ids come from Application(status, submittedAt, id, registrationAuthorityId, kind)
 * alone (an index-only scan: 10,000 open applications on a million-certificate CA), and only those
 * rows are joined to their applicant, organisation, profile and RA. Prisma's include made that four
 * more round trips, each with the page's ids as parameters.
 */
export async function openApplicationsPage(db: PrismaClient, o: { officerRa: string | null; direction: "asc" | "desc"; take: number }): Promise<OpenApplicationRow[]> {
  const dir = Prisma.raw(o.direction === "desc" ? "DESC" : "ASC");
  const withinRa = o.officerRa === null ? Prisma.empty : Prisma.sql`AND "registrationAuthorityId" = ${o.officerRa}`;
  const rows = await db.$queryRaw<Raw[]>`
    WITH page AS (
      SELECT "id" FROM "Application"
      WHERE "status" IN (${Prisma.join(OPEN_APPLICATION_STATUSES.map((v) => Prisma.sql`CAST(${v}::text AS "ApplicationStatus")`))}) ${withinRa}
      ORDER BY "submittedAt" ${dir}, "id" ${dir}
      LIMIT ${o.take}
    )
    SELECT a."id", a."kind"::text AS "kind", a."status"::text AS "status", a."feeStatus"::text AS "feeStatus", a."submittedAt", a."createdAt",
           u."email" AS "applicantEmail", u."displayName" AS "applicantName", org."name" AS "organisationName",
           p."nameZh" AS "profileNameZh", p."nameEn" AS "profileNameEn", ra."name" AS "raName"
    FROM page
    JOIN "Application" a ON a."id" = page."id"
    JOIN "User" u ON u."id" = a."applicantId"
    JOIN "CertificateProfile" p ON p."id" = a."profileId"
    LEFT JOIN "Organisation" org ON org."id" = a."organisationId"
    LEFT JOIN "RegistrationAuthority" ra ON ra."id" = a."registrationAuthorityId"
    ORDER BY a."submittedAt" ${dir}, a."id" ${dir}`;
  return rows.map((r) => ({ ...r, submittedAt: r.submittedAt === null ? null : new Date(r.submittedAt), createdAt: new Date(r.createdAt) }));
}
