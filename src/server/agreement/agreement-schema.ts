import { z } from "zod";

const clause = z.object({
  number: z.string().min(1).max(16),
  text: z.string().min(1).max(20_000),
  items: z.array(z.object({ label: z.string().max(16), text: z.string().min(1).max(5_000) })).max(50).readonly().optional(),
  limitsLiability: z.boolean(),
});

/** One language of an agreement as an administrator submits it (placeholders already filled). */
export const agreementDocumentSchema = z.object({
  title: z.string().min(1).max(200),
  notice: z.string().min(1).max(2_000),
  preamble: z.array(clause).max(20).readonly(),
  sections: z
    .array(z.object({ number: z.string().min(1).max(8), heading: z.string().min(1).max(200), clauses: z.array(clause).min(1).max(50).readonly() }))
    .min(1)
    .max(20)
    .readonly(),
});

export const agreementTextsSchema = z.object({ "zh-CN": agreementDocumentSchema, en: agreementDocumentSchema });
