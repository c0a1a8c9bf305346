"use server";

import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { domainError } from "@/server/core/errors";
import { recordDisclosure } from "@/server/privacy/record-disclosure";
import { registerProcessor } from "@/server/privacy/register-processor";
import { setRetentionPolicy } from "@/server/privacy/set-retention-policy";
import { updateProcessor } from "@/server/privacy/update-processor";
import { findUserByEmailForDisclosure } from "@/server/privacy/privacy-views";
import { beijingLocalDateTime as beijing } from "@/i18n/beijing-input";

const HERE = "/admin/privacy";

/** Data categories as typed: one per line, or separated by commas, enumeration commas or semicolons. */
const categories = (text: string) => text.split(/[\n,，、;；]/).map((c) => c.trim()).filter(Boolean);

/** Enters a processor in the register; data categories one per line or separated by commas. */
export const registerProcessorFullAction = defineRedirectAction({
  ok: "processorRegistered",
  back: HERE,
  run: (ctx, form) =>
    registerProcessor(ctx, {
      name: field(form, "name"),
      purpose: field(form, "purpose"),
      dataCategories: categories(field(form, "dataCategories")),
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

/** A whole number typed in a form; anything else (blank, text, too long to be one) goes to the use case as NaN so its own bounds refuse it. */
function wholeNumber(form: FormData, key: string): number {
  const v = field(form, key).trim();
  return v.length === 0 || v.length > 12 ? Number.NaN : Number(v);
}

/** The retention period from the CPS; the use case refuses less than the law's five years, with the reason. */
export const setRetentionPolicyAction = defineRedirectAction({
  ok: "retentionSet",
  back: HERE,
  run: (ctx, form) =>
    setRetentionPolicy(ctx, {
      certificateYearsAfterExpiry: wholeNumber(form, "certificateYearsAfterExpiry"),
      signInAttemptDays: wholeNumber(form, "signInAttemptDays"),
    }),
});

/** Saves a processor's edited entry; only what differs from the register is changed (and audited), and a save of nothing new says so. */
export const updateProcessorAction = defineRedirectAction({
  ok: (r: { changed: boolean }) => (r.changed ? "processorUpdated" : "processorUnchanged"),
  back: HERE,
  run: (ctx, form) =>
    updateProcessor(ctx, {
      processorId: field(form, "processorId"),
      name: field(form, "name"),
      purpose: field(form, "purpose"),
      dataCategories: categories(field(form, "dataCategories")),
      location: field(form, "location"),
      contact: field(form, "contact"),
    }),
});

/** Ends the relationship with a processor: no new disclosures to it; its history stays. */
export const deactivateProcessorAction = defineRedirectAction({
  ok: "processorDeactivated",
  back: HERE,
  run: (ctx, form) => updateProcessor(ctx, { processorId: field(form, "processorId"), active: false }),
});

/** Resumes the relationship with a processor that was deactivated. */
export const reactivateProcessorAction = defineRedirectAction({
  ok: "processorReactivated",
  back: HERE,
  run: (ctx, form) => updateProcessor(ctx, { processorId: field(form, "processorId"), active: true }),
});
