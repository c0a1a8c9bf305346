import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { readCessation } from "@/server/privacy/cessation";
import { defineQuery } from "@/server/core";

type Basis = { zh: string; en: string };
export type OutcomeLine = { category: string; count: number | null; basis: Basis | null; until: string | null };

const isBasis = (v: unknown): v is Basis => !!v && typeof v === "object" && typeof (v as Basis).zh === "string" && typeof (v as Basis).en === "string";
const iso = (v: unknown) => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? v : null);

/** Reads the stored deletion outcome (DeletionOutcome in src/server/privacy) defensively: an older or partial one still shows what it has. */
function readOutcome(raw: unknown) {
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const lines = (v: unknown): OutcomeLine[] =>
    (Array.isArray(v) ? v : []).flatMap((x) => {
      if (!x || typeof x !== "object" || typeof (x as { category?: unknown }).category !== "string") return [];
      const l = x as { category: string; count?: unknown; ids?: unknown; basis?: unknown; until?: unknown };
      const count = typeof l.count === "number" ? l.count : Array.isArray(l.ids) ? l.ids.length : null;
      return [{ category: l.category, count, basis: isBasis(l.basis) ? l.basis : null, until: iso(l.until) }];
    });
  return {
    erased: lines(o.erased),
    kept: lines(o.kept),
    retentionYears: typeof o.retentionYears === "number" ? o.retentionYears : null,
    keepUntil: iso(o.keepUntil),
    contactKeptUntil: iso(o.contactKeptUntil),
    completedAt: iso(o.completedAt),
  };
}

/**
 * The administrator's part of the personal-information page in one read: deletion requests with
 * who asked and what each erased or kept (until when, on what legal basis), and the cessation state
 * with who switched it. The register (processors, disclosures, all requests) is read through
 * listProcessors, listDisclosures and listPrivacyRequests, which auditors may call too.
 */
export const privacyView = defineQuery({
  name: "console.privacy-view",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const [requests, cessation, cessationEvents] = await Promise.all([
      ctx.db.privacyRequest.findMany({
        where: { kind: "DELETION" },
        orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
        take: 100,
        select: { id: true, status: true, requestedAt: true, completedAt: true, outcome: true, user: { select: { id: true, email: true, anonymisedAt: true } } },
      }),
      readCessation(ctx.db),
      ctx.db.auditEvent.findMany({
        where: { action: { in: ["privacy.cessation-entered", "privacy.cessation-left"] } },
        orderBy: { seq: "desc" },
        take: 5,
        select: { seq: true, action: true, at: true, actorId: true, summary: true },
      }),
    ]);
    const actorIds = [...new Set([cessation.startedById, ...cessationEvents.map((e) => e.actorId)].filter((id): id is string => !!id))];
    const emailOf = new Map((await ctx.db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
    return {
      deletions: requests.map((r) => ({
        id: r.id,
        status: r.status,
        requestedAt: r.requestedAt,
        completedAt: r.completedAt,
        // After the sweep the address is gone: say so instead of showing the placeholder.
        requester: r.user.anonymisedAt ? null : r.user.email,
        outcome: r.outcome ? readOutcome(r.outcome) : null,
      })),
      cessation: {
        active: cessation.active,
        since: iso(cessation.since),
        successor: cessation.successor ?? null,
        note: cessation.note ?? null,
        startedBy: cessation.startedById ? (emailOf.get(cessation.startedById) ?? null) : null,
      },
      cessationHistory: cessationEvents.map((e) => {
        const s = (e.summary ?? {}) as Record<string, unknown>;
        return {
          seq: e.seq,
          action: e.action === "privacy.cessation-entered" ? ("entered" as const) : ("left" as const),
          at: e.at,
          by: e.actorId ? (emailOf.get(e.actorId) ?? null) : null,
          notified: typeof s.notified === "number" ? s.notified : null,
          reason: typeof s.reason === "string" ? s.reason : null,
        };
      }),
    };
  },
});

/** The account an administrator names by e-mail when recording a disclosure about one subscriber. */
export const findUserByEmailForDisclosure = defineQuery({
  name: "console.find-user-for-disclosure",
  input: z.object({ email: z.string().trim().toLowerCase().pipe(z.email()) }),
  authorize: isCaAdmin,
  async run(ctx, input) {
    return ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  },
});
