import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDate, formatDateTime } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { maxDocumentBytes } from "@/server/document/document-limits";
import { getOrganisation } from "@/server/organisation/get-organisation";
import { AGENT_SCOPES } from "@/server/organisation/grant-agent-authorisation";
import { listAgentAuthorisations } from "@/server/organisation/list-agent-authorisations";
import { addMemberAction, removeMemberAction, revokeAuthorisationAction } from "../actions";
import { GrantAgentForm } from "../_components/grant-form";
import { Outcome } from "../_components/outcome";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("organisations"))("title") };
}

type Props = { params: Promise<{ organisationId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = 86_400_000;

/** One organisation for its administrators: details, members, agent authorisations and the forms that change them. */
export default async function OrganisationPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const [{ organisationId }, sp] = await Promise.all([params, searchParams]);
  if (!UUID.test(organisationId)) notFound();
  const ctx = await serviceContext(user);
  const [org, authorisations] = await Promise.all([getOrganisation(ctx, { organisationId }), listAgentAuthorisations(ctx, { organisationId })]).catch((err: unknown) => {
    // Someone who does not manage it learns nothing about it.
    if (isDomainError(err) && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN")) notFound();
    throw err;
  });
  const [t, l, e, locale] = await Promise.all([getTranslations("organisations"), getTranslations("letterCheck"), getTranslations("enums"), getLocale()]);
  // The last administrator cannot be removed (the use case refuses): no button to offer it.
  const lastAdmin = org.members.filter((m) => m.role === "ADMIN").length <= 1;
  const scopeList = (scope: string[]) => scope.map((s) => e(`AgentScope.${s}`)).join(locale === "en" ? ", " : "、");
  const now = ctx.clock.now();
  const maxBytes = maxDocumentBytes();
  const mb = Math.floor((maxBytes / 1048576) * 10) / 10;
  const orgField = <input type="hidden" name="organisationId" value={org.id} />;
  // The officer's page has the same fields with plain labels (the form's say "optional").
  const details: Array<[string, string | null]> = [
    [t("uscc"), org.unifiedSocialCreditCode],
    [l("nameEn"), org.nameEn],
    [t("legalRepresentative"), org.legalRepresentative],
    [l("address"), org.address],
    [l("phone"), org.phone],
    [t("registeredAt"), formatDateTime(org.createdAt, locale)],
  ];

  return (
    <div className="space-y-6" data-testid="organisation-page">
      <PageTitle>{org.name}</PageTitle>
      <p>
        <Link href="/organisations" className={buttonClass.link}>
          {t("back")}
        </Link>
      </p>
      <Outcome ok={sp.ok} error={sp.error} />

      <Card title={t("details")} id="details">
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {details.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600">{k}</dt>
              <dd className="break-all">{v ?? <span className="text-slate-600">{t("notGiven")}</span>}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <Card title={t("membersTitle")} id="members">
        <p className="mb-3 text-sm text-slate-700">{t("membersHint")}</p>
        <ul className="divide-y divide-slate-100" data-testid="members">
          {org.members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-role={m.role}>
              <span className="min-w-0">
                <span className="block break-all font-medium">
                  {m.user.displayName ? `${m.user.displayName} · ` : ""}
                  {m.user.email}
                  {m.user.id === user.id ? t("you") : ""}
                </span>
                <span className="block text-sm text-slate-600">
                  {t("role")}: {e(`OrganisationRole.${m.role}`)} · {t("since")} {formatDate(m.createdAt)}
                </span>
              </span>
              {m.role === "ADMIN" && lastAdmin ? null : (
                <form action={removeMemberAction}>
                  {orgField}
                  <input type="hidden" name="userId" value={m.user.id} />
                  <button type="submit" className={buttonClass.smallSecondary} aria-label={t("remove", { email: m.user.email })}>
                    {t("removeLabel")}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        <h3 className="mb-2 mt-4 font-semibold">{t("addMemberTitle")}</h3>
        <form action={addMemberAction} className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end">
          {orgField}
          <div className="space-y-1">
            <label htmlFor="member-email" className="block font-medium text-slate-800">
              {t("email")}
            </label>
            <input id="member-email" name="email" type="email" required className={inputClass} aria-describedby="member-email-hint" />
          </div>
          <div className="space-y-1">
            <label htmlFor="member-role" className="block font-medium text-slate-800">
              {t("role")}
            </label>
            <select id="member-role" name="role" className={inputClass} defaultValue="MEMBER">
              <option value="MEMBER">{e("OrganisationRole.MEMBER")}</option>
              <option value="ADMIN">{e("OrganisationRole.ADMIN")}</option>
            </select>
          </div>
          <SubmitButton pendingLabel={t("working")} variant="secondary">
            {t("add")}
          </SubmitButton>
          <p id="member-email-hint" className="text-sm text-slate-600 sm:col-span-3">
            {t("addMemberHint")}
          </p>
        </form>
      </Card>

      <Card title={t("agentsTitle")} id="agents">
        {authorisations.length === 0 ? <p className="text-slate-700">{t("agentsNone")}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="authorisations">
          {authorisations.map((a) => {
            return (
              <li key={a.id} className="space-y-1 py-4" data-authorisation={a.id} data-state={a.state} data-checked={a.verifiedAt ? "true" : "false"} data-agent={a.agent.email}>
                <p className="break-all font-medium">
                  {a.agent.displayName ? `${a.agent.displayName} · ` : ""}
                  {a.agent.email}
                </p>
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="font-medium text-slate-600">{t("scope")}</dt>
                  <dd>{scopeList(a.scope)}</dd>
                  <dt className="font-medium text-slate-600">{t("validity")}</dt>
                  <dd>{t("validityRange", { from: formatDate(a.validFrom), until: formatDate(a.validUntil) })}</dd>
                  <dt className="font-medium text-slate-600">{t("state")}</dt>
                  <dd>
                    {t(`states.${a.state}`)}
                    {a.revokedReason ? ` · ${t("revokedReason", { reason: a.revokedReason })}` : ""}
                  </dd>
                  <dt className="font-medium text-slate-600">{t("check")}</dt>
                  <dd data-testid="letter-check" className={a.verifiedAt ? "text-green-800" : "text-amber-900"}>
                    {a.verifiedAt ? t("checkedAt", { at: formatDateTime(a.verifiedAt, locale) }) : t("notChecked")}
                  </dd>
                  {a.letterDocument ? (
                    <>
                      <dt className="font-medium text-slate-600">{t("letter")}</dt>
                      <dd className="break-all">{a.letterDocument.fileName}</dd>
                    </>
                  ) : null}
                </dl>
                {a.state !== "REVOKED" && a.state !== "EXPIRED" ? (
                  <details className="pt-2">
                    <summary className="cursor-pointer font-medium text-brand-700">{t("revokeLabel")}</summary>
                    <form action={revokeAuthorisationAction} className="mt-2 space-y-2">
                      {orgField}
                      <input type="hidden" name="authorisationId" value={a.id} />
                      <label htmlFor={`reason-${a.id}`} className="block text-sm font-medium text-slate-800">
                        {t("revokeReason")}
                      </label>
                      <textarea id={`reason-${a.id}`} name="reason" required minLength={2} maxLength={500} className={`${inputClass} min-h-20`} />
                      <button type="submit" className={buttonClass.secondary} aria-label={t("revoke", { email: a.agent.email })}>
                        {t("revokeLabel")}
                      </button>
                    </form>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Card>

      <Card title={t("grantTitle")} id="grant">
        <p className="mb-4 text-slate-700">{t("grantIntro", { mb })}</p>
        <GrantAgentForm
          organisationId={org.id}
          scopes={AGENT_SCOPES.map((s) => ({ value: s, label: e(`AgentScope.${s}`) }))}
          defaults={{ validFrom: formatDate(now), validUntil: formatDate(new Date(now.getTime() + 365 * DAY)) }}
          maxBytes={maxBytes}
          labels={{
            agentEmail: t("agentEmail"),
            agentEmailHint: t("agentEmailHint"),
            scopeLegend: t("scopeLegend"),
            validFrom: t("validFrom"),
            validUntil: t("validUntil"),
            validityHint: t("validityHint"),
            letterFile: t("letterFile"),
            submit: t("grant"),
            pending: t("working"),
            fileTooLarge: t("fileTooLarge", { mb }),
            fileType: t("fileType"),
            scopeMissing: t("scopeMissing"),
            datesInvalid: t("datesInvalid"),
            uploadFailed: t("uploadFailed"),
          }}
        />
      </Card>
    </div>
  );
}
