import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";

export const createRegistrationAuthorityInput = z.object({ name: z.string().trim().min(2).max(200) });

/** A CA administrator opens a registration authority (an office or partner that reviews applications). */
export const createRegistrationAuthority = defineUseCase({
  name: "ra.create",
  input: createRegistrationAuthorityInput,
  authorize: isCaAdmin,
  async run(s, input) {
    const existing = await s.tx.registrationAuthority.findUnique({ where: { name: input.name }, select: { id: true } });
    if (existing) throw domainError("CONFLICT", { field: "name" });
    const ra = await s.tx.registrationAuthority.create({ data: { name: input.name, createdAt: s.now }, select: { id: true, name: true, status: true } });
    s.audit({ action: "ra.created", subjectType: "RegistrationAuthority", subjectId: ra.id, summary: { name: ra.name } });
    return ra;
  },
});
