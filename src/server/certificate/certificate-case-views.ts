import { z } from "zod";
import { allowedObjectionActions, deriveCertificateState } from "@/domain/certificate";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { certificateParties, isRaOfficer, staffDecisionAnswer, withStaffDecision } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";

/** What an officer sees of a certificate beside an objection or a delivery: facts, profile names, subscriber. */
const certificateFacts = {
  id: true, serialHex: true, subjectDn: true, status: true, notBefore: true, notAfter: true, revokedAt: true, revocationReason: true,
  deliveryMethod: true, deliveredAt: true, receiptAt: true, mailTrackingNo: true, testWindowDeadline: true, testWindowProvisional: true,
  acceptanceKind: true, acceptedAt: true, holdAt: true, subscriberUserId: true, subscriberOrganisationId: true,
  objections: { select: { raisedAt: true, resolvedAt: true, resolution: true } },
  profile: { select: { code: true, nameZh: true, nameEn: true } },
  subscriberUser: { select: { email: true, displayName: true } },
  subscriberOrganisation: { select: { name: true } },
  receiptRecordedBy: { select: { email: true } },
} as const satisfies Prisma.CertificateSelect;

type CertificateRow = Prisma.CertificateGetPayload<{ select: typeof certificateFacts }>;

/** The row with the state the domain derives from its times (authoritative; the stored status is coarse). */
function withDerivedState(c: CertificateRow, now: Date) {
  const { objections, ...rest } = c;
  const state = deriveCertificateState(
    {
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      receiptAt: c.receiptAt,
      testWindowDeadline: c.testWindowDeadline,
      testWindowProvisional: c.testWindowProvisional,
      explicitAcceptedAt: c.acceptanceKind === "EXPLICIT" ? c.acceptedAt : null,
      objections,
      holdAt: c.holdAt,
      holdReleasedAt: null,
      revokedAt: c.revokedAt,
      revocationReason: c.revocationReason,
    },
    now,
  );
  return { ...rest, derived: { status: state.status, awaiting: state.awaiting } };
}

export type CaseCertificate = ReturnType<typeof withDerivedState>;

/** The audit events that record a delivery step, oldest first; their summaries hold who collected it and the times. */
const DELIVERY_ACTIONS = ["certificate.received-by-hand-over", "certificate.mailed", "certificate.received-by-mail"] as const;

export type DeliveryStep = {
  action: string;
  at: Date;
  actorEmail: string | null;
  method: string | null;
  collectedBy: string | null;
  trackingNo: string | null;
  receiptAt: Date | null;
  dispatchedAt: Date | null;
};

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
const date = (v: unknown) => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);

async function deliverySteps(db: PrismaClient, certificateId: string): Promise<DeliveryStep[]> {
  const events = await db.auditEvent.findMany({
    where: { subjectType: "Certificate", subjectId: certificateId, action: { in: [...DELIVERY_ACTIONS] } },
    orderBy: { seq: "asc" },
    select: { action: true, at: true, actorId: true, summary: true },
  });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id))];
  const actors = new Map((await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  return events.map((e) => {
    const s = (e.summary ?? {}) as Record<string, unknown>;
    return {
      action: e.action,
      at: e.at,
      actorEmail: e.actorId ? (actors.get(e.actorId) ?? null) : null,
      method: str(s.method),
      collectedBy: str(s.collectedBy),
      trackingNo: str(s.trackingNo),
      receiptAt: date(s.receiptAt ?? s.signedForAt),
      dispatchedAt: date(s.dispatchedAt),
    };
  });
}

/** One objection with the test it rests on (kind, outcome, what the server found), the certificate, and `can` (resolve). */
export const getObjectionView = defineQuery({
  name: "console.get-objection-view",
  input: z.object({ objectionId: z.string().uuid() }),
  authorize: isRaOfficer,
  async run(ctx, input) {
    const o = await ctx.db.objection.findUnique({
      where: { id: input.objectionId },
      include: {
        certificate: { select: certificateFacts },
        testResult: { select: { kind: true, passed: true, details: true, runAt: true } },
        raisedBy: { select: { email: true, displayName: true } },
        resolvedBy: { select: { email: true } },
      },
    });
    if (!o) throw domainError("NOT_FOUND");
    // Every test run of the certificate, so the officer sees what passed as well as what failed.
    const runs = await ctx.db.certificateTestResult.findMany({
      where: { certificateId: o.certificateId },
      orderBy: { runAt: "desc" },
      take: 20,
      select: { id: true, kind: true, passed: true, details: true, runAt: true },
    });
    const plain = (d: Prisma.JsonValue) => (d && typeof d === "object" && !Array.isArray(d) ? (d as Record<string, unknown>) : {});
    return {
      ...o,
      certificate: withDerivedState(o.certificate, ctx.now),
      testResult: o.testResult ? { ...o.testResult, details: plain(o.testResult.details) } : null,
      runs: runs.map((r) => ({ ...r, details: plain(r.details), isObjectionTest: r.id === o.testResultId })),
      // Whether the officer may resolve it: the rule resolveObjection enforces (state, and not party to it).
      can: withStaffDecision(allowedObjectionActions(o), await staffDecisionAnswer(ctx.db, ctx.actor!, certificateParties(o.certificate, o.raisedById), ctx.now)),
    };
  },
});

/**
 * One certificate waiting for (or done with) collection, dispatch or its signed-for time, with the
 * steps recorded so far, and `can.record`: whether this officer may record them (not when party to it).
 */
export const getDeliveryView = defineQuery({
  name: "console.get-delivery-view",
  input: z.object({ certificateId: z.string().uuid() }),
  authorize: isRaOfficer,
  async run(ctx, input) {
    const c = await ctx.db.certificate.findUnique({ where: { id: input.certificateId }, select: certificateFacts });
    if (!c) throw domainError("NOT_FOUND");
    const can = { record: await staffDecisionAnswer(ctx.db, ctx.actor!, certificateParties(c), ctx.now) };
    return { ...withDerivedState(c, ctx.now), steps: await deliverySteps(ctx.db, c.id), can };
  },
});
