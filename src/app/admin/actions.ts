"use server";

import { getLocale } from "next-intl/server";
import { diffAgreementTexts, type AgreementChange, type AgreementTexts } from "@/domain/agreement";
import { catalogLang } from "@/i18n/locales";
import { requireRole } from "@/server/auth/guards";
import { serviceContext } from "@/server/auth/service-context";
import { agreementTextsSchema } from "@/server/agreement/agreement-schema";
import { publishAgreementVersion } from "@/server/agreement/publish-agreement-version";
import { errorMessage } from "@/server/core/errors";
import { enterCessation } from "@/server/privacy/enter-cessation";
import { leaveCessation } from "@/server/privacy/leave-cessation";
import { publishCrlsNow } from "@/server/ca-service/publish-crls-now";
import { setProfileCommercials } from "@/server/application/set-profile-commercials";
import { createRegistrationAuthority } from "@/server/ra/create-registration-authority";
import { retireRegistrationAuthority } from "@/server/ra/retire-registration-authority";
import { orderUpdate } from "@/server/update-notice/order-update";
import { agreementVersions } from "@/server/ui-queries/console/agreement-versions";
import { field, runConsoleAction } from "@/app/ra/actions/run-action";
import { beijingLocalDateTime as beijing } from "@/i18n/beijing-input";

export type AgreementPreviewState =
  | { status: "idle" }
  | { status: "error"; message: string; issues?: string[] }
  | { status: "preview"; texts: AgreementTexts; changes: Record<"zh-CN" | "en", AgreementChange[]>; against: number | null };


/** Checks a draft (JSON of both languages) and shows it with its difference to the newest version; stores nothing. */
export async function previewAgreementAction(_prev: AgreementPreviewState, form: FormData): Promise<AgreementPreviewState> {
  const user = await requireRole("CA_ADMIN");
  const lang = catalogLang(await getLocale());
  let raw: unknown;
  try {
    raw = JSON.parse(field(form, "texts"));
  } catch (e) {
    return { status: "error", message: errorMessage("VALIDATION_FAILED", lang), issues: [String((e as Error).message)] };
  }
  const parsed = agreementTextsSchema.safeParse(raw);
  if (!parsed.success) {
    return { status: "error", message: errorMessage("VALIDATION_FAILED", lang), issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`) };
  }
  const texts = parsed.data as AgreementTexts;
  const current = await agreementVersions(await serviceContext(user), {});
  const changes = current.texts ? diffAgreementTexts(current.texts, texts) : { "zh-CN": [], en: [] };
  return { status: "preview", texts, changes, against: current.newestVersion };
}

/** Publishes the draft as the next version (publishAgreementVersion checks and audits it). */
export async function publishAgreementAction(form: FormData) {
  return runConsoleAction(form, "agreementPublished", async (ctx) => {
    let texts: unknown;
    try {
      texts = JSON.parse(field(form, "texts"));
    } catch {
      texts = null;
    }
    return publishAgreementVersion(ctx, { texts: texts as never, effectiveAt: new Date(beijing(field(form, "effectiveAt"))), changeSummary: field(form, "changeSummary") || undefined });
  });
}

/** Opens a registration authority (createRegistrationAuthority audits it). */
export async function createRaAction(form: FormData) {
  return runConsoleAction(form, "raCreated", (ctx) => createRegistrationAuthority(ctx, { name: field(form, "name") }));
}

/** Marks an RA merged or closed; its open applications move to the successor in the same transaction. */
export async function retireRaAction(form: FormData) {
  const status = field(form, "status") === "CLOSED" ? "CLOSED" : "MERGED";
  return runConsoleAction(form, "raRetired", (ctx) =>
    retireRegistrationAuthority(ctx, { registrationAuthorityId: field(form, "registrationAuthorityId"), status, successorId: field(form, "successorId") }),
  );
}

/** Orders the selected certificates updated by a deadline (orderUpdate freezes the targets, notifies and audits). */
export async function orderUpdateAction(form: FormData) {
  const list = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string" && v !== "");
  const opt = (k: string) => (field(form, k) ? beijing(field(form, k)) : undefined);
  const selection = {
    ...(list("profileCodes").length ? { profileCodes: list("profileCodes") } : {}),
    ...(list("issuingCaIds").length ? { issuingCaIds: list("issuingCaIds") } : {}),
    ...(list("keyAlgorithms").length ? { keyAlgorithms: list("keyAlgorithms") } : {}),
    ...(opt("expiresFrom") ? { expiresFrom: opt("expiresFrom") } : {}),
    ...(opt("expiresTo") ? { expiresTo: opt("expiresTo") } : {}),
  };
  return runConsoleAction(
    form,
    "updateOrdered",
    (ctx) => orderUpdate(ctx, { selection: selection as never, reason: field(form, "reason"), deadline: new Date(beijing(field(form, "deadline"))) }),
    (r) => `/admin/update-notices/${(r as { noticeId: string }).noticeId}`,
  );
}

/** Publishes every CRL shard now; audited as one event listing what was signed. */
export async function publishCrlsAction(form: FormData) {
  return runConsoleAction(form, "crlsPublished", (ctx) => publishCrlsNow(ctx));
}

/** Sets a profile's fee (entered in yuan) and whether it is on offer. */
export async function setProfileAction(form: FormData) {
  return runConsoleAction(form, "profileSaved", (ctx) =>
    setProfileCommercials(ctx, { code: field(form, "code"), feeCents: Math.round(Number(field(form, "feeYuan")) * 100), active: field(form, "active") === "on" }),
  );
}

/** Switches cessation mode on (clause 6.1: collection stops, subscribers are told); the checkbox is the typed confirmation. */
export async function enterCessationAction(form: FormData) {
  return runConsoleAction(form, "cessationOn", (ctx) =>
    enterCessation(ctx, { confirm: (field(form, "confirm") === "on") as true, successor: field(form, "successor") || undefined, note: field(form, "note") || undefined }),
  );
}

/** Switches cessation mode off again, with the reason. */
export async function leaveCessationAction(form: FormData) {
  return runConsoleAction(form, "cessationOff", (ctx) => leaveCessation(ctx, { confirm: (field(form, "confirm") === "on") as true, reason: field(form, "reason") }));
}
