import { z } from "zod";
import { TERMINAL_APPLICATION_STATUSES } from "@/domain/application";
import { allowedRegistrationAuthorityActions } from "@/domain/ra";
import { approvedAdminAction } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";

export const retireRegistrationAuthorityInput = z.object({
  registrationAuthorityId: z.string().uuid(),
  status: z.enum(["MERGED", "CLOSED"]),
  successorId: z.string().uuid(),
});

/**
 * Clause 7.3: when an RA merges into another or closes, a designated RA takes over its work. In
 * one transaction the RA is marked, its successor recorded, and every application not yet in a
 * final state (drafts, submitted, sent back, approved but not issued) moves to the successor;
 * decided ones stay where they were decided. RAs that had handed over to this one now point on
 * to the successor as well, so no chain ends at a closed office.
 */
export const retireRegistrationAuthority = defineUseCase({
  name: "ra.retire",
  input: retireRegistrationAuthorityInput,
  // Dual control: runs only as an approved request (src/server/approval), never on one administrator's word.
  authorize: approvedAdminAction("RA_RETIREMENT"),
  async run(s, input) {
    if (input.successorId === input.registrationAuthorityId) throw domainError("RA_SUCCESSOR_INVALID", { field: "successorId" });
    // Both rows locked in a fixed order: two administrators merging A into B and B into A at once
    // would otherwise both succeed and leave no active RA for the work.
    const ids = [input.registrationAuthorityId, input.successorId].sort();
    await s.tx.$queryRaw`SELECT "id" FROM "RegistrationAuthority" WHERE "id" IN (${ids[0]}, ${ids[1]}) ORDER BY "id" FOR UPDATE`;
    const ra = await s.tx.registrationAuthority.findUnique({ where: { id: input.registrationAuthorityId }, select: { id: true, name: true, status: true } });
    if (!ra) throw domainError("NOT_FOUND");
    const successor = await s.tx.registrationAuthority.findUnique({ where: { id: input.successorId }, select: { id: true, name: true, status: true } });
    // The page's rule, with the chosen successor as the only candidate (not this RA: checked above).
    const allowed = allowedRegistrationAuthorityActions({ status: ra.status, successorsAvailable: successor?.status === "ACTIVE" ? 1 : 0 }).retire;
    if (!allowed.ok) throw domainError(allowed.reason, allowed.reason === "RA_SUCCESSOR_INVALID" ? { field: "successorId" } : undefined);
    if (!successor) throw domainError("RA_SUCCESSOR_INVALID", { field: "successorId" }); // unreachable: narrows the type

    await s.tx.registrationAuthority.update({ where: { id: ra.id }, data: { status: input.status, successorId: successor.id, closedAt: s.now } });
    const open = await s.tx.application.findMany({
      where: { registrationAuthorityId: ra.id, status: { notIn: [...TERMINAL_APPLICATION_STATUSES] } },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    const moved = await s.tx.application.updateMany({
      where: { id: { in: open.map((a) => a.id) } },
      data: { registrationAuthorityId: successor.id, version: { increment: 1 } },
    });
    const repointed = await s.tx.registrationAuthority.updateMany({ where: { successorId: ra.id, id: { not: ra.id } }, data: { successorId: successor.id } });
    s.audit({
      action: "ra.retired",
      subjectType: "RegistrationAuthority",
      subjectId: ra.id,
      summary: {
        name: ra.name,
        status: input.status,
        successorId: successor.id,
        successorName: successor.name,
        movedApplicationIds: open.map((a) => a.id),
        movedCount: moved.count,
        predecessorsRepointed: repointed.count,
      },
    });
    return { registrationAuthorityId: ra.id, status: input.status, successorId: successor.id, movedApplications: moved.count };
  },
});
