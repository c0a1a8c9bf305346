import { z } from "zod";
import { isRaOfficer, officerApplicationFilter, officerRegistrationAuthority } from "@/server/auth";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { defineQuery } from "@/server/core";
import { OPEN_APPLICATION_STATUSES, openApplicationsPage } from "./internal/open-applications-page";

export const WORK_KINDS = ["application", "change", "revocation", "problemReport", "objection", "delivery", "authorisation"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export const raWorkQueueInput = z.object({
  kind: z.enum(WORK_KINDS).optional(),
  sort: z.enum(["oldest", "newest", "urgent"]).default("urgent"),
});

/**
 * A piece of an item's description that the page puts into words: an enum label
 * (enums.<enum>.<value>), a queue label (console.ra.<label>), a profile's name in each language,
 * or data shown as it is (names, serial numbers, tracking numbers).
 */
export type WorkText =
  | { enum: string; value: string }
  | { label: string }
  | { zh: string; en: string }
  | { text: string };

export interface WorkItem {
  kind: WorkKind;
  id: string;
  /** Where the officer works the item. */
  href: string;
  /** What it is about: applicant or subject, serial. */
  title: string;
  detail: WorkText[];
  /** The raw state (data attribute for tests and scripts); statusText is what the officer reads. */
  status: string;
  statusText: WorkText[];
  /** Since when it waits (ISO). */
  since: string;
  ageMs: number;
  /** Only where a clock runs (revocation requests once compliant): the deadline and what is left. */
  dueAt: string | null;
  remainingMs: number | null;
  sla: "ok" | "dueSoon" | "overdue" | null;
}

const DUE_SOON_MS = 4 * 60 * 60 * 1000;
/** Items listed per kind: the queue's first page. A million-certificate CA may have thousands waiting. */
export const WORK_QUEUE_PER_KIND = 300;
const PER_KIND = WORK_QUEUE_PER_KIND;

/**
 * Everything an RA officer has to do, in one list: applications to review (new and change
 * requests), revocation requests and hold releases, open objections, mailed certificates waiting
 * for the signed-for time, agents' authorisation letters waiting for their check. Officers
 * attached to an RA see that RA's applications only.
 */
export const raWorkQueue = defineQuery({
  name: "console.ra-work-queue",
  input: raWorkQueueInput,
  authorize: isRaOfficer,
  async run(ctx, input) {
    const now = ctx.now.getTime();
    // Applications within the officer's RA (the scope the review use cases apply, auth/application-review-access.ts); the rest for every officer.
    const officerRa = await officerRegistrationAuthority(ctx.db, ctx.actor!);
    const age = (d: Date) => now - d.getTime();

    // Each kind lists at most PER_KIND items, taken from the end the sort starts at (newest first
    // takes the newest); the counts are of everything waiting, however long the queue.
    const direction = input.sort === "newest" ? ("desc" as const) : ("asc" as const);
    const appWhere = { status: { in: [...OPEN_APPLICATION_STATUSES] }, ...officerApplicationFilter(officerRa) };
    const applicationItems = async (): Promise<WorkItem[]> => {
      // One statement (internal/open-applications-page.ts): the page's ids from an index alone, then
      // only those rows with their applicant, organisation, profile and RA; appWhere in SQL.
      const apps = await openApplicationsPage(ctx.db, { officerRa, direction, take: PER_KIND });
      return apps.map((a): WorkItem => {
        const since = a.submittedAt ?? a.createdAt;
        return {
          kind: a.kind === "CHANGE" || a.kind === "UPDATE" ? "change" : "application",
          id: a.id,
          href: `/ra/applications/${a.id}`,
          title: a.organisationName ?? a.applicantName ?? a.applicantEmail,
          detail: [
            { enum: "ApplicationKind", value: a.kind },
            { zh: a.profileNameZh, en: a.profileNameEn },
            ...(a.raName !== null ? [{ text: a.raName }] : []),
          ],
          status: a.status,
          // Approved and waiting: for the payment or for the issuance.
          statusText: [{ enum: "ApplicationStatus", value: a.status }, ...(a.status === "APPROVED" ? [{ enum: "FeeStatus", value: a.feeStatus }] : [])],
          since: since.toISOString(),
          ageMs: age(since),
          dueAt: null,
          remainingMs: null,
          sla: null,
        };
      });
    };

    const requestWhere = { status: { in: ["RECEIVED" as const, "COMPLIANT" as const] }, kind: { in: ["REVOCATION" as const, "HOLD_RELEASE" as const, "LOSS_REPORT" as const] } };
    const requestItems = async (): Promise<WorkItem[]> =>
      (await ctx.db.revocationRequest.findMany({
        where: requestWhere,
        include: { certificate: { select: { serialHex: true, subjectDn: true } } },
        // Urgent: the running clocks (least time left) come first, so those are the ones taken.
        orderBy: input.sort === "urgent" ? [{ dueAt: { sort: "asc", nulls: "last" } }, { receivedAt: "asc" }] : [{ receivedAt: direction }],
        take: PER_KIND,
      })).map((r): WorkItem => {
        const remaining = r.dueAt ? r.dueAt.getTime() - now : null;
        return {
          kind: "revocation",
          id: r.id,
          href: `/ra/revocations/${r.id}`,
          title: r.certificate.subjectDn,
          detail: [{ enum: "RevocationRequestKind", value: r.kind }, { text: r.certificate.serialHex }],
          status: r.status,
          statusText: [{ enum: "RevocationRequestStatus", value: r.status }],
          since: r.receivedAt.toISOString(),
          ageMs: age(r.receivedAt),
          dueAt: r.dueAt?.toISOString() ?? null,
          remainingMs: remaining,
          sla: remaining === null ? null : remaining < 0 ? "overdue" : remaining < DUE_SOON_MS ? "dueSoon" : "ok",
        };
      });

    // Certificate problem reports (src/server/problem-report): the 24-hour clock of the preliminary
    // report runs beside the revocation clocks; once it is sent the report waits for its outcome.
    const reportWhere = { status: { in: ["RECEIVED" as const, "PRELIMINARY_SENT" as const] } };
    const reportItems = async (): Promise<WorkItem[]> =>
      (await ctx.db.problemReport.findMany({
        where: reportWhere,
        include: { certificate: { select: { serialHex: true, subjectDn: true } } },
        orderBy: input.sort === "urgent" ? [{ status: "asc" }, { preliminaryDueAt: "asc" }, { receivedAt: "asc" }] : [{ receivedAt: direction }],
        take: PER_KIND,
      })).map((r): WorkItem => {
        const remaining = r.status === "RECEIVED" ? r.preliminaryDueAt.getTime() - now : null;
        return {
          kind: "problemReport",
          id: r.id,
          href: `/ra/problem-reports/${r.id}`,
          title: r.certificate.subjectDn,
          detail: [{ text: r.reference }, { label: `problemReportCategory.${r.category}` }, { text: r.certificate.serialHex }, ...(r.keyProof ? [{ label: "keyCompromiseDemonstrated" }] : [])],
          status: r.status,
          statusText: [{ label: `problemReportStatus.${r.status}` }],
          since: r.receivedAt.toISOString(),
          ageMs: age(r.receivedAt),
          dueAt: remaining === null ? null : r.preliminaryDueAt.toISOString(),
          remainingMs: remaining,
          sla: remaining === null ? null : remaining < 0 ? "overdue" : remaining < DUE_SOON_MS ? "dueSoon" : "ok",
        };
      });

    const objectionItems = async (): Promise<WorkItem[]> =>
      (await ctx.db.objection.findMany({
        where: { status: "OPEN" },
        include: { certificate: { select: { serialHex: true, subjectDn: true } } },
        orderBy: { raisedAt: direction },
        take: PER_KIND,
      })).map((o): WorkItem => {
        return {
          kind: "objection",
          id: o.id,
          href: `/ra/objections/${o.id}`,
          title: o.certificate.subjectDn,
          detail: [{ text: o.certificate.serialHex }, ...(o.late ? [{ label: "late" }] : [])],
          status: "OPEN",
          statusText: [{ enum: "ObjectionStatus", value: "OPEN" }],
          since: o.raisedAt.toISOString(),
          ageMs: age(o.raisedAt),
          dueAt: null,
          remainingMs: null,
          sla: null,
        };
      });

    // Issued, not yet received (clause 1.7): waiting for a download, a collection at the counter,
    // or, once mailed, for the carrier's signed-for time.
    // Index Certificate(receiptAt): few certificates wait for their receipt among all ever issued.
    const deliveryWhere = { receiptAt: null, revokedAt: null, supersededById: null, notAfter: { gt: ctx.now } };
    const deliveryItems = async (): Promise<WorkItem[]> =>
      (await ctx.db.certificate.findMany({
        where: deliveryWhere,
        select: { id: true, serialHex: true, subjectDn: true, deliveryMethod: true, mailTrackingNo: true, createdAt: true },
        orderBy: [{ createdAt: direction }, { id: direction }],
        take: PER_KIND,
      })).map((c): WorkItem => {
        return {
          kind: "delivery",
          id: c.id,
          href: `/ra/deliveries/${c.id}`,
          title: c.subjectDn,
          detail: [
            { text: c.serialHex },
            ...(c.deliveryMethod ? [{ enum: "DeliveryMethod", value: c.deliveryMethod }] : []),
            ...(c.mailTrackingNo ? [{ text: c.mailTrackingNo }] : []),
          ],
          status: c.deliveryMethod === "MAIL" && c.mailTrackingNo ? "MAILED" : "AWAITING_RECEIPT",
          statusText: [{ label: c.deliveryMethod === "MAIL" && c.mailTrackingNo ? "deliveryStatus.MAILED" : "deliveryStatus.AWAITING_RECEIPT" }],
          since: c.createdAt.toISOString(),
          ageMs: age(c.createdAt),
          dueAt: null,
          remainingMs: null,
          sla: null,
        };
      });

    // An agent may act for the organisation only once the letter is checked (organisation-authority).
    const letterWhere = { verifiedAt: null, revokedAt: null, validUntil: { gt: ctx.now } };
    const letterItems = async (): Promise<WorkItem[]> =>
      (await ctx.db.agentAuthorisation.findMany({
        where: letterWhere,
        select: { id: true, scope: true, createdAt: true, organisation: { select: { name: true } }, agent: { select: { email: true } } },
        orderBy: { createdAt: direction },
        take: PER_KIND,
      })).map((l): WorkItem => {
        return {
          kind: "authorisation",
          id: l.id,
          href: `/ra/authorisations/${l.id}`,
          title: l.organisation.name,
          detail: [{ text: l.agent.email }, ...l.scope.map((value) => ({ enum: "AgentScope", value }))],
          status: "AWAITING_CHECK",
          statusText: [{ label: "authorisationStatus.AWAITING_CHECK" }],
          since: l.createdAt.toISOString(),
          ageMs: age(l.createdAt),
          dueAt: null,
          remainingMs: null,
          sla: null,
        };
      });

    // Every list and the counts at once: each is a round trip or two of its own, so the page waits
    // for the slowest instead of the sum (PGlite, one connection, simply runs them in turn). The
    // kinds keep their order, which the stable sort below keeps for equal waits.
    const [lists, counts] = await Promise.all([
      Promise.all([applicationItems(), requestItems(), reportItems(), objectionItems(), deliveryItems(), letterItems()]),
      countWaiting(ctx.db, { appWhere, requestWhere, reportWhere, deliveryWhere, letterWhere }),
    ]);
    const items = lists.flat();
    const total = WORK_KINDS.reduce((sum, k) => sum + counts[k], 0);
    const overdue = items.filter((i) => i.sla === "overdue").length;
    const dueSoon = items.filter((i) => i.sla === "dueSoon").length;
    const shown = input.kind ? items.filter((i) => i.kind === input.kind) : items;
    shown.sort((a, b) => {
      if (input.sort === "urgent") {
        // Running clocks first (least time left), then the longest waiting.
        const ra = a.remainingMs ?? Number.POSITIVE_INFINITY;
        const rb = b.remainingMs ?? Number.POSITIVE_INFINITY;
        if (ra !== rb) return ra - rb;
      }
      return input.sort === "newest" ? a.ageMs - b.ageMs : b.ageMs - a.ageMs;
    });
    /** counts and total: everything waiting; items: at most PER_KIND of each kind (total > items.length when cut). */
    return { now: ctx.now.toISOString(), items: shown, counts, total, overdue, dueSoon };
  },
});

/** How many of each kind wait, counted in the database with the lists' own filters (not from the capped lists). */
async function countWaiting(
  db: PrismaClient,
  w: {
    appWhere: Prisma.ApplicationWhereInput;
    requestWhere: Prisma.RevocationRequestWhereInput;
    reportWhere: Prisma.ProblemReportWhereInput;
    deliveryWhere: Prisma.CertificateWhereInput;
    letterWhere: Prisma.AgentAuthorisationWhereInput;
  },
): Promise<Record<WorkKind, number>> {
  const [byKind, revocation, problemReport, objection, delivery, authorisation] = await Promise.all([
    db.application.groupBy({ by: ["kind"], where: w.appWhere, _count: { _all: true } }),
    db.revocationRequest.count({ where: w.requestWhere }),
    db.problemReport.count({ where: w.reportWhere }),
    db.objection.count({ where: { status: "OPEN" } }),
    db.certificate.count({ where: w.deliveryWhere }),
    db.agentAuthorisation.count({ where: w.letterWhere }),
  ]);
  const change = byKind.filter((g) => g.kind === "CHANGE" || g.kind === "UPDATE").reduce((n, g) => n + g._count._all, 0);
  const application = byKind.reduce((n, g) => n + g._count._all, 0) - change;
  return { application, change, revocation, problemReport, objection, delivery, authorisation };
}
