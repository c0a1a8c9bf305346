"use server";

import { diffAgreementTexts, type AgreementChange, type AgreementTexts } from "@/domain/agreement";
import { requireArea } from "@/server/web/guards";
import { defineAction, defineRedirectAction, formText as field } from "@/server/web/define-action";
import { agreementTextsSchema } from "@/server/agreement/agreement-schema";
import { domainError } from "@/server/core/errors";
import { publishCrlsNow } from "@/server/ca-service/publish-crls-now";
import { createRegistrationAuthority } from "@/server/ra/create-registration-authority";
import { requestApproval } from "@/server/approval";
import { APPROVAL_REQUESTED } from "./approval-request";
import { orderUpdate } from "@/server/update-notice/order-update";
import { agreementVersions } from "@/server/agreement/list-agreement-versions-for-admin";
import { beijingLocalDateTime as beijing } from "@/i18n/beijing-input";

/** A checked draft beside the newest version: what the editor previews before publishing. */
export type AgreementPreview = { texts: AgreementTexts; changes: Record<"zh-CN" | "en", AgreementChange[]>; against: number | null };

/** A draft that does not parse or fit the schema: VALIDATION_FAILED, with its problems listed in words. */
function draftProblems(problems: string[]) {
  return domainError("VALIDATION_FAILED", { problems });
}

/** Checks a draft (JSON of both languages) and shows it with its difference to the newest version; stores nothing. */
export const previewAgreementAction = defineAction({
  read: async (form) => {
    await requireArea("admin");
    let raw: unknown;
    try {
      raw = JSON.parse(field(form, "texts"));
    } catch (e) {
      throw draftProblems([String((e as Error).message)]);
    }
    const parsed = agreementTextsSchema.safeParse(raw);
    if (!parsed.success) throw draftProblems(parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`));
    return parsed.data as AgreementTexts;
  },
  run: async (ctx, texts): Promise<AgreementPreview> => {
    const current = await agreementVersions(ctx, {});
    const changes = current.texts ? diffAgreementTexts(current.texts, texts) : { "zh-CN": [], en: [] };
    return { texts, changes, against: current.newestVersion };
  },
  explain: (e, state) => (Array.isArray(e.details.problems) ? { ...state, items: e.details.problems.map(String) } : state),
  done: (preview) => preview,
});

/** Asks for the draft to be published as the next version: another administrator approves (dual control), then publishAgreementVersion checks and audits it. */
export const publishAgreementAction = defineRedirectAction({
  ...APPROVAL_REQUESTED,
  run: (ctx, form) => {
    let texts: unknown;
    try {
      texts = JSON.parse(field(form, "texts"));
    } catch {
      texts = null;
    }
    return requestApproval(ctx, { kind: "AGREEMENT_PUBLICATION", payload: { texts, effectiveAt: new Date(beijing(field(form, "effectiveAt"))), changeSummary: field(form, "changeSummary") || undefined } });
  },
});

/** Opens a registration authority (createRegistrationAuthority audits it). */
export const createRaAction = defineRedirectAction({ ok: "raCreated", run: (ctx, form) => createRegistrationAuthority(ctx, { name: field(form, "name") }) });

/** Asks for an RA to be marked merged or closed (dual control); once approved its open applications move to the successor in the same transaction. */
export const retireRaAction = defineRedirectAction({
  ...APPROVAL_REQUESTED,
  run: (ctx, form) =>
    requestApproval(ctx, {
      kind: "RA_RETIREMENT",
      payload: { registrationAuthorityId: field(form, "registrationAuthorityId"), status: field(form, "status") === "CLOSED" ? "CLOSED" : "MERGED", successorId: field(form, "successorId") },
    }),
});

/** Orders the selected certificates updated by a deadline (orderUpdate freezes the targets, notifies and audits). */
export const orderUpdateAction = defineRedirectAction({
  ok: "updateOrdered",
  read: (form) => {
    const list = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string" && v !== "");
    const opt = (k: string) => (field(form, k) ? beijing(field(form, k)) : undefined);
    const selection = {
      ...(list("profileCodes").length ? { profileCodes: list("profileCodes") } : {}),
      ...(list("issuingCaIds").length ? { issuingCaIds: list("issuingCaIds") } : {}),
      ...(list("keyAlgorithms").length ? { keyAlgorithms: list("keyAlgorithms") } : {}),
      ...(opt("expiresFrom") ? { expiresFrom: opt("expiresFrom") } : {}),
      ...(opt("expiresTo") ? { expiresTo: opt("expiresTo") } : {}),
    };
    // An unknown consequence is refused by the use case's schema (VALIDATION_FAILED); none sent means its default, REVOKE.
    const consequence = field(form, "consequence") || undefined;
    return { selection: selection as never, reason: field(form, "reason"), deadline: new Date(beijing(field(form, "deadline"))), consequence: consequence as never };
  },
  run: orderUpdate,
  next: (r) => `/admin/update-notices/${r.noticeId}`,
});

/** Publishes every CRL shard now; audited as one event listing what was signed. */
export const publishCrlsAction = defineRedirectAction({ ok: "crlsPublished", run: (ctx) => publishCrlsNow(ctx) });

/** Asks for a profile's fee (entered in yuan) and availability to change (dual control). */
export const setProfileAction = defineRedirectAction({
  ...APPROVAL_REQUESTED,
  run: (ctx, form) =>
    requestApproval(ctx, { kind: "PROFILE_CHANGE", payload: { code: field(form, "code"), feeCents: Math.round(Number(field(form, "feeYuan")) * 100), active: field(form, "active") === "on" } }),
});

/** Asks for cessation mode on (clause 6.1: collection stops, subscribers are told; dual control); the checkbox is the typed confirmation. */
export const enterCessationAction = defineRedirectAction({
  ...APPROVAL_REQUESTED,
  run: (ctx, form) =>
    requestApproval(ctx, { kind: "CESSATION_ON", payload: { confirm: field(form, "confirm") === "on", successor: field(form, "successor") || undefined, note: field(form, "note") || undefined } }),
});

/** Asks for cessation mode off again, with the reason (dual control). */
export const leaveCessationAction = defineRedirectAction({
  ...APPROVAL_REQUESTED,
  run: (ctx, form) => requestApproval(ctx, { kind: "CESSATION_OFF", payload: { confirm: field(form, "confirm") === "on", reason: field(form, "reason") } }),
});
