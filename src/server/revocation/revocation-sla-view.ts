import { z } from "zod";
import { REVOCATION_DUE_SOON_MS, slaOutcome } from "@/domain/revocation";
import { isRevocationStaff } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { requestView, type RevocationRequestView } from "./internal/request-view";

export const revocationSlaViewInput = z.object({
  /** History window (closed requests by doneAt); default: the last 30 days. */
  historyFrom: z.coerce.date().optional(),
  historyTo: z.coerce.date().optional(),
  historyLimit: z.number().int().min(1).max(500).default(100),
});

type Item = RevocationRequestView & { serialHex: string; subjectDn: string; remainingMs: number | null };

/**
 * What RA officers watch (clause 1.4's 24 hours): compliant requests due within 4 hours and
 * overdue ones (most urgent first), requests still waiting for identity confirmation (their
 * clock has not started, but the requester is waiting), and the history of met and missed
 * deadlines. Read-only; the alerts come from sweepRevocationSlaAlerts.
 */
export const revocationSlaView = defineQuery({
  name: "revocation.sla-view",
  input: revocationSlaViewInput,
  authorize: isRevocationStaff,
  async run(ctx, input) {
    const now = ctx.now;
    const include = { certificate: { select: { serialHex: true, subjectDn: true } } } as const;
    const item = (r: Parameters<typeof requestView>[0] & { certificate: { serialHex: string; subjectDn: string } }): Item => ({
      ...requestView(r, now),
      serialHex: r.certificate.serialHex,
      subjectDn: r.certificate.subjectDn,
      remainingMs: r.dueAt ? r.dueAt.getTime() - now.getTime() : null,
    });

    const urgent = await ctx.db.revocationRequest.findMany({
      where: { status: "COMPLIANT", dueAt: { lt: new Date(now.getTime() + REVOCATION_DUE_SOON_MS) } },
      include,
      orderBy: { dueAt: "asc" },
    });
    const overdue = urgent.filter((r) => r.dueAt!.getTime() < now.getTime()).map(item);
    const dueSoon = urgent.filter((r) => r.dueAt!.getTime() >= now.getTime()).map(item);
    const openCompliant = await ctx.db.revocationRequest.count({ where: { status: "COMPLIANT" } });
    const awaitingConfirmation = (
      await ctx.db.revocationRequest.findMany({
        where: { status: "RECEIVED", kind: { in: ["REVOCATION", "HOLD_RELEASE"] } },
        include,
        orderBy: { receivedAt: "asc" },
      })
    ).map(item);

    const historyTo = input.historyTo ?? now;
    const historyFrom = input.historyFrom ?? new Date(historyTo.getTime() - 30 * 86_400_000);
    const closed = await ctx.db.revocationRequest.findMany({
      where: { status: "DONE", dueAt: { not: null }, kind: { in: ["REVOCATION", "CA_INITIATED"] }, doneAt: { gte: historyFrom, lte: historyTo } },
      include,
      orderBy: { doneAt: "desc" },
    });
    let met = 0;
    let missed = 0;
    for (const r of closed) {
      if (slaOutcome(r.dueAt!, r.doneAt!) === "met") met += 1;
      else missed += 1;
    }
    return {
      now: now.toISOString(),
      overdue,
      dueSoon,
      openCompliant,
      awaitingConfirmation,
      history: {
        from: historyFrom.toISOString(),
        to: historyTo.toISOString(),
        met,
        missed,
        recent: closed.slice(0, input.historyLimit).map(item),
      },
    };
  },
});
