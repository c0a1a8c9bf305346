import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";

export const recordDisclosureInput = z.object({
  processorId: z.string().uuid(),
  /** Whose data, when the disclosure concerns one subscriber; omitted for bulk disclosures. */
  subjectUserId: z.string().uuid().optional(),
  /** What was given, e.g. "name and ID number of the applicant". */
  what: z.string().trim().min(1).max(1000),
  why: z.string().trim().min(1).max(1000),
  /** When it was given (ISO 8601); defaults to now; never in the future. */
  at: z.iso.datetime({ offset: true }).optional(),
});

/** Clause 6: each disclosure to a processor is recorded: what, to whom, why, when, by whom. */
export const recordDisclosure = defineUseCase({
  name: "privacy.record-disclosure",
  input: recordDisclosureInput,
  authorize: isCaAdmin,
  async run(s, input) {
    const processor = await s.tx.processor.findUnique({ where: { id: input.processorId }, select: { id: true, active: true } });
    if (!processor) throw domainError("NOT_FOUND");
    if (!processor.active) throw domainError("PROCESSOR_INACTIVE");
    if (input.subjectUserId && !(await s.tx.user.findUnique({ where: { id: input.subjectUserId }, select: { id: true } }))) throw domainError("NOT_FOUND");
    const at = input.at ? new Date(input.at) : s.now;
    if (at > s.now) throw domainError("VALIDATION_FAILED", { issues: { at: ["in the future"] } });
    const d = await s.tx.disclosure.create({
      data: { processorId: processor.id, subjectUserId: input.subjectUserId ?? null, what: input.what, why: input.why, at, recordedById: s.actor!.userId },
    });
    // The what/why texts describe categories, not the data itself; they stay in the register, the event names the ids.
    s.audit({ action: "privacy.disclosure-recorded", subjectType: "Disclosure", subjectId: d.id, summary: { processorId: processor.id, subjectUserId: input.subjectUserId ?? null, at: at.toISOString() } });
    return { disclosureId: d.id };
  },
});
