import { z } from "zod";
import { usccSchema } from "@/domain/identity";
import { domainError, defineUseCase } from "@/server/core";
import { assertNotInCessation } from "@/server/privacy";

export const registerOrganisationInput = z.object({
  name: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(200).optional(),
  /** 统一社会信用代码; normalised (upper case, no spaces) and checksum-checked (GB 32100). */
  unifiedSocialCreditCode: usccSchema(),
  legalRepresentative: z.string().trim().min(1).max(100).optional(),
  address: z.string().trim().max(300).optional(),
  phone: z.string().trim().max(40).optional(),
});

/**
 * A signed-in user registers an organisation and becomes its first administrator (the person who
 * may add members and authorise agents). The RA checks the business licence when the
 * organisation's first application is reviewed.
 */
export const registerOrganisation = defineUseCase({
  name: "organisation.register",
  input: registerOrganisationInput,
  authorize: "signed-in",
  async run(s, input) {
    // Clause 6 / cessation mode: no new personal data is collected once the CA is ceasing.
    await assertNotInCessation(s.tx);
    const existing = await s.tx.organisation.findUnique({ where: { unifiedSocialCreditCode: input.unifiedSocialCreditCode }, select: { id: true } });
    if (existing) throw domainError("ORGANISATION_ALREADY_REGISTERED", { field: "unifiedSocialCreditCode" });
    const org = await s.tx.organisation.create({
      data: {
        name: input.name,
        nameEn: input.nameEn ?? null,
        unifiedSocialCreditCode: input.unifiedSocialCreditCode,
        legalRepresentative: input.legalRepresentative ?? null,
        address: input.address ?? null,
        phone: input.phone ?? null,
        createdAt: s.now,
        members: { create: { userId: s.actor!.userId, role: "ADMIN", createdAt: s.now } },
      },
      select: { id: true, name: true, unifiedSocialCreditCode: true },
    });
    s.audit({
      action: "organisation.registered",
      subjectType: "Organisation",
      subjectId: org.id,
      onBehalfOfId: org.id,
      summary: { name: org.name, unifiedSocialCreditCode: org.unifiedSocialCreditCode },
    });
    return org;
  },
});
