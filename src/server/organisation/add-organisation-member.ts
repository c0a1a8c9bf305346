import { z } from "zod";
import { domainError, defineUseCase } from "@/server/core";
import { requireOrganisationManager } from "@/server/auth";

export const addOrganisationMemberInput = z.object({
  organisationId: z.string().uuid(),
  email: z.email().transform((e) => e.toLowerCase()),
  role: z.enum(["ADMIN", "MEMBER"]).default("MEMBER"),
});

/** An organisation admin (or an RA officer) adds an existing user as member or admin; re-adding restores a removed one. */
export const addOrganisationMember = defineUseCase({
  name: "organisation.add-member",
  input: addOrganisationMemberInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    await requireOrganisationManager(s.tx, { userId: actor.userId, roles: actor.roles, organisationId: input.organisationId });
    const user = await s.tx.user.findUnique({ where: { email: input.email }, select: { id: true, disabledAt: true } });
    if (!user || user.disabledAt) throw domainError("USER_NOT_FOUND", { field: "email" });
    const member = await s.tx.organisationMember.upsert({
      where: { organisationId_userId: { organisationId: input.organisationId, userId: user.id } },
      create: { organisationId: input.organisationId, userId: user.id, role: input.role, createdAt: s.now },
      update: { role: input.role, removedAt: null },
      select: { id: true, role: true },
    });
    s.audit({
      action: "organisation.member-added",
      subjectType: "OrganisationMember",
      subjectId: member.id,
      onBehalfOfId: input.organisationId,
      summary: { userId: user.id, role: member.role },
    });
    return { memberId: member.id, userId: user.id, role: member.role };
  },
});
