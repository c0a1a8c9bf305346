import { z } from "zod";
import { isSupportStaff, supportDeskFilter, supportDeskReach } from "@/server/auth";
import { loadWorkCalendar } from "@/server/calendar";
import { defineQuery } from "@/server/core";
import type { Prisma } from "@/generated/prisma/client";
import { deskClock } from "./internal/desk-clock";

export const SUPPORT_QUEUE_VIEWS = ["open", "mine", "closed"] as const;

export const listSupportQueueInput = z.object({
  /** open: not closed (waiting for the desk or for the requester); mine: open and taken by me; closed. */
  view: z.enum(SUPPORT_QUEUE_VIEWS).default("open"),
  take: z.number().int().min(1).max(200).default(100),
});

/**
 * The support desk's inbox, within the reader's reach (auth/support-desk-access.ts: a CA
 * administrator's is every request, an RA officer's their RA's and those of none). Open requests
 * by age, the oldest first, each with the desk's SLA in working days while it waits for the desk
 * (domain/support/desk-sla.ts: an answer by the end of the next working day); closed ones, the
 * latest closed first. Never message texts: the inbox shows subjects only.
 */
export const listSupportQueue = defineQuery({
  name: "support.queue",
  input: listSupportQueueInput,
  authorize: isSupportStaff,
  async run(ctx, input) {
    const reach = (await supportDeskReach(ctx.db, ctx.actor!))!;
    const byView: Record<(typeof SUPPORT_QUEUE_VIEWS)[number], Prisma.SupportRequestWhereInput> = {
      open: { status: { in: ["OPEN", "ANSWERED"] } },
      mine: { status: { in: ["OPEN", "ANSWERED"] }, assignedToId: ctx.actor!.userId },
      closed: { status: "CLOSED" },
    };
    const rows = await ctx.db.supportRequest.findMany({
      where: { AND: [byView[input.view], supportDeskFilter(reach), { userId: { not: ctx.actor!.userId } }] },
      orderBy: input.view === "closed" ? [{ closedAt: "desc" }, { id: "asc" }] : [{ createdAt: "asc" }, { id: "asc" }],
      take: input.take,
      select: {
        id: true,
        subject: true,
        status: true,
        certificateId: true,
        createdAt: true,
        closedAt: true,
        awaitingStaffSince: true,
        assignedToId: true,
        user: { select: { displayName: true } },
        assignedTo: { select: { displayName: true } },
        certificate: { select: { serialHex: true } },
      },
    });
    const calendar = await loadWorkCalendar(ctx.db);
    return rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      status: r.status,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      awaitingStaffSince: r.awaitingStaffSince,
      requester: r.user.displayName,
      serialHex: r.certificate?.serialHex ?? null,
      assignedToId: r.assignedToId,
      assignedTo: r.assignedTo?.displayName ?? null,
      mine: r.assignedToId === ctx.actor!.userId,
      sla: deskClock(r, ctx.now, calendar),
    }));
  },
});
