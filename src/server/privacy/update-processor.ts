import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { isCaAdmin } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { registerProcessorInput } from "./register-processor";

export const updateProcessorInput = registerProcessorInput.partial().extend({
  processorId: z.string().uuid(),
  /** False ends the relationship: no new disclosures can be recorded; the history stays. */
  active: z.boolean().optional(),
});

/** An edit form sends every field: one equal to what is stored (an unset optional text sent blank) is no change. */
function sameValue(stored: unknown, sent: unknown): boolean {
  if ((stored === null || stored === undefined) && sent === "") return true;
  return JSON.stringify(stored ?? null) === JSON.stringify(sent);
}

/** Changes a processor's entry, or deactivates it; the audit event lists what changed from what, and a save that changes nothing writes nothing. */
export const updateProcessor = defineUseCase({
  name: "privacy.update-processor",
  input: updateProcessorInput,
  authorize: isCaAdmin,
  async run(s, input) {
    const before = await s.tx.processor.findUnique({ where: { id: input.processorId } });
    if (!before) throw domainError("NOT_FOUND");
    const { processorId, ...changes } = input;
    const data: Prisma.ProcessorUpdateInput = {};
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || sameValue((before as Record<string, unknown>)[k], v)) continue;
      (data as Record<string, unknown>)[k] = v;
      diff[k] = { from: (before as Record<string, unknown>)[k] ?? null, to: v };
    }
    // Saved as it was: no row and no audit event (there is no change to evidence); the page says so.
    if (Object.keys(diff).length === 0) return s.nothingChanged({ processorId, changed: false });
    await s.tx.processor.update({ where: { id: processorId }, data });
    s.audit({ action: "privacy.processor-updated", subjectType: "Processor", subjectId: processorId, summary: { changes: diff } });
    return { processorId, changed: true };
  },
});
