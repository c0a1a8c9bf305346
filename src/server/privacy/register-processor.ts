import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { defineUseCase } from "@/server/core";

export const registerProcessorInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** Why the CA gives this party personal information (e.g. "SMS delivery", "identity check against the national database"). */
  purpose: z.string().trim().min(1).max(1000),
  /** Which kinds of data, e.g. ["name", "ID number", "mobile number"]. */
  dataCategories: z.array(z.string().trim().min(1).max(100)).min(1).max(50),
  location: z.string().trim().max(200).optional(),
  contact: z.string().trim().max(500).optional(),
});

/** Clause 6: a third party that processes personal information for the CA enters the register. */
export const registerProcessor = defineUseCase({
  name: "privacy.register-processor",
  input: registerProcessorInput,
  authorize: isCaAdmin,
  async run(s, input) {
    const p = await s.tx.processor.create({
      data: { name: input.name, purpose: input.purpose, dataCategories: input.dataCategories, location: input.location ?? null, contact: input.contact ?? null, createdAt: s.now },
    });
    s.audit({ action: "privacy.processor-registered", subjectType: "Processor", subjectId: p.id, summary: { name: p.name, purpose: p.purpose, dataCategories: input.dataCategories } });
    return { processorId: p.id };
  },
});
