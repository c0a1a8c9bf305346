import { z } from "zod";
import { TERMINAL_APPLICATION_STATUSES } from "@/domain/application";
import { allowedRegistrationAuthorityActions } from "@/domain/ra";
import { activeAccountsWithRole, isCaAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";

/**
 * The registration authorities with their successor, officers (its own and those who work for every RA) and open work (applications not yet
 * decided or issued), and `can` (retire: merge or close, the rule retireRegistrationAuthority enforces).
 */
export const registrationAuthorities = defineQuery({
  name: "console.registration-authorities",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const ras = await ctx.db.registrationAuthority.findMany({
      orderBy: [{ status: "asc" }, { name: "asc" }],
      select: { id: true, name: true, status: true, closedAt: true, successor: { select: { id: true, name: true } }, _count: { select: { officers: true } } },
    });
    const open = await ctx.db.application.groupBy({
      by: ["registrationAuthorityId"],
      // Open work is what a retirement moves: the same "not terminal" the retire use case counts.
      where: { status: { notIn: [...TERMINAL_APPLICATION_STATUSES] } },
      _count: { _all: true },
    });
    const openOf = new Map(open.map((g) => [g.registrationAuthorityId, g._count._all]));
    const active = ras.filter((r) => r.status === "ACTIVE").length;
    // An officer without an RA of their own reviews every RA's applications (auth/application-review-access.ts):
    // counted under each active RA, or the RA they work in would show no officer at all (issue 15).
    const officersEveryRa = (await activeAccountsWithRole(ctx.db, "RA_OFFICER")).filter((u) => u.registrationAuthorityId === null).length;
    return ras.map((r) => ({
      ...r,
      officersEveryRa: r.status === "ACTIVE" ? officersEveryRa : 0,
      officers: r._count.officers + (r.status === "ACTIVE" ? officersEveryRa : 0),
      openApplications: openOf.get(r.id) ?? 0,
      can: allowedRegistrationAuthorityActions({ status: r.status, successorsAvailable: active - (r.status === "ACTIVE" ? 1 : 0) }),
    }));
  },
});
