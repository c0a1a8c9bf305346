import { z } from "zod";
import { domainError, defineUseCase } from "@/server/core";
import { requireOrganisationManager } from "@/server/auth";

export const removeOrganisationMemberInput = z.object({
  organisationId: z.string().uuid(),
  userId: z.string().uuid(),
});

/**
 * Marks a membership removed (kept as a record). The last administrator cannot be removed: an
 * organisation nobody may manage could no longer authorise or revoke its agents.
 */
export const removeOrganisationMember = defineUseCase({
  name: "organisation.remove-member",
  input: removeOrganisationMemberInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    await requireOrganisationManager(s.tx, { userId: actor.userId, roles: actor.roles, organisationId: input.organisationId });
    const member = await s.tx.organisationMember.findFirst({
      where: { organisationId: input.organisationId, userId: input.userId, removedAt: null },
      select: { id: true, role: true },
    });
    if (!member) throw domainError("NOT_FOUND");
    if (member.role === "ADMIN") {
      const admins = await s.tx.organisationMember.count({ where: { organisationId: input.organisationId, role: "ADMIN", removedAt: null } });
      if (admins <= 1) throw domainError("VALIDATION_FAILED", { rule: "LAST_ADMIN", issues: { userId: ["LAST_ADMIN"] } });
    }
    await s.tx.organisationMember.update({ where: { id: member.id }, data: { removedAt: s.now } });
    s.audit({
      action: "organisation.member-removed",
      subjectType: "OrganisationMember",
      subjectId: member.id,
      onBehalfOfId: input.organisationId,
      summary: { userId: input.userId, role: member.role },
    });
    return { memberId: member.id };
  },
});
