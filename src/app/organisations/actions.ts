"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/auth/service-context";
import { signedErrorQuery } from "@/server/auth/signed-outcome";
import type { ServiceContext } from "@/server/core/context";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { logger } from "@/server/logger";
import { addOrganisationMember } from "@/server/organisation/add-organisation-member";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { removeOrganisationMember } from "@/server/organisation/remove-organisation-member";
import { revokeAgentAuthorisation } from "@/server/organisation/revoke-agent-authorisation";

const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};
/** An optional text field: blank means not given. */
const optional = (f: FormData, k: string) => text(f, k).trim() || undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function refusal(e: unknown): Promise<string> {
  const lang = catalogLang(await getLocale());
  if (!isDomainError(e)) {
    logger.error({ err: e, area: "organisations" }, "organisation action failed");
    return errorMessage("INTERNAL", lang);
  }
  return errorMessage(e.code, lang, e.details);
}

const REGISTER_FIELDS = ["name", "nameEn", "unifiedSocialCreditCode", "legalRepresentative", "address", "phone"] as const;

/** The form's answer; on a refusal it carries the typed values back (React resets a form after its action). */
export type RegisterState = { status: "idle" } | { status: "error"; message: string; fields: string[]; values: Record<string, string> };

/** Registers the organisation and opens its page; a refusal comes back to the form with the fields to fix. */
export async function registerOrganisationAction(_prev: RegisterState, f: FormData): Promise<RegisterState> {
  let id: string;
  try {
    const org = await registerOrganisation(await serviceContext(), {
      name: text(f, "name"),
      nameEn: optional(f, "nameEn"),
      unifiedSocialCreditCode: text(f, "unifiedSocialCreditCode"),
      legalRepresentative: optional(f, "legalRepresentative"),
      address: optional(f, "address"),
      phone: optional(f, "phone"),
    });
    id = org.id;
  } catch (e) {
    const issues = isDomainError(e) ? ((e.details.issues ?? {}) as Record<string, unknown>) : {};
    const field = isDomainError(e) && typeof e.details.field === "string" ? [e.details.field] : [];
    const values = Object.fromEntries(REGISTER_FIELDS.map((k) => [k, text(f, k)]));
    return { status: "error", message: await refusal(e), fields: [...Object.keys(issues), ...field], values };
  }
  redirect(`/organisations/${id}?ok=registered`);
}

/**
 * Runs one management action of an organisation's page and comes back to that page with the
 * outcome in the query (post/redirect/get: a reload never repeats it, no client code needed).
 */
async function onOrganisationPage(f: FormData, okKey: string, call: (ctx: ServiceContext, organisationId: string) => Promise<unknown>): Promise<never> {
  const organisationId = text(f, "organisationId");
  if (!UUID.test(organisationId)) redirect("/organisations");
  const page = `/organisations/${organisationId}`;
  let location: string;
  try {
    await call(await serviceContext(), organisationId);
    location = `${page}?ok=${okKey}`;
  } catch (e) {
    location = `${page}?${await signedErrorQuery(await refusal(e))}`;
  }
  redirect(location);
}

export async function addMemberAction(f: FormData) {
  return onOrganisationPage(f, "memberAdded", (ctx, organisationId) =>
    addOrganisationMember(ctx, { organisationId, email: text(f, "email").trim(), role: text(f, "role") === "ADMIN" ? "ADMIN" : "MEMBER" }),
  );
}

export async function removeMemberAction(f: FormData) {
  return onOrganisationPage(f, "memberRemoved", (ctx, organisationId) => removeOrganisationMember(ctx, { organisationId, userId: text(f, "userId") }));
}

export async function revokeAuthorisationAction(f: FormData) {
  return onOrganisationPage(f, "revoked", (ctx) => revokeAgentAuthorisation(ctx, { authorisationId: text(f, "authorisationId"), reason: text(f, "reason") }));
}
