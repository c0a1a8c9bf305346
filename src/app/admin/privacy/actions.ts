"use server";

import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { domainError } from "@/server/core/errors";
import { recordDisclosure } from "@/server/privacy/record-disclosure";
import { registerProcessor } from "@/server/privacy/register-processor";
import { findUserByEmailForDisclosure } from "@/server/privacy/privacy-views";
import { beijingLocalDateTime as beijing } from "@/i18n/beijing-input";

const HERE = "/admin/privacy";

/** Enters a processor in the register; data categories one per line or separated by commas. */
export const registerProcessorFullAction = defineRedirectAction({
  ok: "processorRegistered",
  back: HERE,
  run: (ctx, form) =>
    registerProcessor(ctx, {
      name: field(form, "name"),
      purpose: field(form, "purpose"),
      dataCategories: field(form, "dataCategories").split(/[\n,，、;；]/).map((c) => c.trim()).filter(Boolean),
      location: field(form, "location") || undefined,
      contact: field(form, "contact") || undefined,
    }),
});

/**
 * Records one disclosure: to which processor, what, on what basis, when (default now) and, when it
 * concerns one subscriber, whose data (named by e-mail address, looked up here).
 */
export const recordDisclosureFullAction = defineRedirectAction({
  ok: "disclosureRecorded",
  back: HERE,
  run: async (ctx, form) => {
    const email = field(form, "subjectEmail").trim();
    let subjectUserId: string | undefined;
    if (email) {
      const found = await findUserByEmailForDisclosure(ctx, { email });
      if (!found) throw domainError("NOT_FOUND", { field: "subjectEmail" });
      subjectUserId = found.id;
    }
    const at = field(form, "at") ? new Date(beijing(field(form, "at"))) : null;
    if (at && Number.isNaN(at.getTime())) throw domainError("VALIDATION_FAILED", { issues: { at: ["NOT_A_DATE"] } });
    return recordDisclosure(ctx, {
      processorId: field(form, "processorId"),
      what: field(form, "what"),
      why: field(form, "why"),
      ...(subjectUserId ? { subjectUserId } : {}),
      ...(at ? { at: at.toISOString() } : {}),
    });
  },
});
