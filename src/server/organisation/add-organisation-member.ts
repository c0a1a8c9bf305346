import { z } from "zod";
import { domainError, defineUseCase } from "@/server/core";
import { requireStandingGrantor } from "@/server/auth";

export const addOrganisationMemberInput = z.object({
  organisationId: z.string().uuid(),
  email: z.email().transform((e) => e.toLowerCase()),
  role: z.enum(["ADMIN", "MEMBER"]).default("MEMBER"),
});

/**
 * An organisation admin (or an RA officer) adds an existing user as member or admin; re-adding
 * restores a removed one. A staff account is added by a CA administrator only (auth/staff-standing.ts).
 */
export const addOrganisationMember = defineUseCase({
  name: "organisation.add-member",
  input: addOrganisationMemberInput,
  authorize: "signed-in",
  async run(s, input) {
    const user = await s.tx.user.findUnique({ where: { email: input.email }, select: { id: true, roles: true, disabledAt: true } });
    // Who may give this account standing in the organisation, before anything is written (refusals are evidence).
    await requireStandingGrantor(s, { organisationId: input.organisationId, target: user, decision: "organisation.add-member" });
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
