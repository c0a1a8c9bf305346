"use server";

import { redirect } from "next/navigation";
import { defineAction, defineRedirectAction, formText as text } from "@/server/web/define-action";
import type { ServiceContext } from "@/server/core/context";
import { addOrganisationMember } from "@/server/organisation/add-organisation-member";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { removeOrganisationMember } from "@/server/organisation/remove-organisation-member";
import { revokeAgentAuthorisation } from "@/server/organisation/revoke-agent-authorisation";

/** An optional text field: blank means not given. */
const optional = (f: FormData, k: string) => text(f, k).trim() || undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REGISTER_FIELDS = ["name", "nameEn", "unifiedSocialCreditCode", "legalRepresentative", "address", "phone"] as const;

/** Registers the organisation and opens its page; a refusal comes back to the form with the fields to fix and what was typed. */
export const registerOrganisationAction = defineAction({
  read: (f) => ({
    name: text(f, "name"),
    nameEn: optional(f, "nameEn"),
    unifiedSocialCreditCode: text(f, "unifiedSocialCreditCode"),
    legalRepresentative: optional(f, "legalRepresentative"),
    address: optional(f, "address"),
    phone: optional(f, "phone"),
  }),
  run: registerOrganisation,
  echo: REGISTER_FIELDS,
  redirectTo: (org) => `/organisations/${org.id}?ok=registered`,
});

/**
 * One management action of an organisation's page: comes back to that page with the outcome in
 * the query (post/redirect/get: a reload never repeats it, no client code needed).
 */
function onOrganisationPage<R>(ok: string, run: (ctx: ServiceContext, f: FormData) => Promise<R>) {
  return defineRedirectAction({
    ok,
    back: (f) => {
      const organisationId = text(f, "organisationId");
      if (!UUID.test(organisationId)) redirect("/organisations");
      return `/organisations/${organisationId}`;
    },
    run,
  });
}

export const addMemberAction = onOrganisationPage("memberAdded", (ctx, f) =>
  addOrganisationMember(ctx, { organisationId: text(f, "organisationId"), email: text(f, "email").trim(), role: text(f, "role") === "ADMIN" ? "ADMIN" : "MEMBER" }),
);

export const removeMemberAction = onOrganisationPage("memberRemoved", (ctx, f) => removeOrganisationMember(ctx, { organisationId: text(f, "organisationId"), userId: text(f, "userId") }));

export const revokeAuthorisationAction = onOrganisationPage("revoked", (ctx, f) => revokeAgentAuthorisation(ctx, { authorisationId: text(f, "authorisationId"), reason: text(f, "reason") }));
