import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { Countdown } from "@/components/portal/countdown";
import { RenewalLink } from "./_components/renewal-link";
import { listMyApplications } from "@/server/application/list-my-applications";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { listMyCertificates } from "@/server/certificate/list-my-certificates";
import { listMyNotifications } from "@/server/account/list-my-notifications";
import { areasFor } from "@/server/auth/roles";
import { DeadlineLabel } from "./_components/deadline-label";
import { DraftApplications } from "./_components/draft-applications";
import { WaitingSteps } from "./_components/waiting-steps";
import { OrganisationApplications } from "./_components/organisation-applications";
import { listMyOrganisationApplications } from "@/server/application/list-my-organisation-applications";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const user = await requireUser();
  const [t, tr, nav, locale] = await Promise.all([getTranslations("dashboard"), getTranslations("roles"), getTranslations("nav"), getLocale()]);
  const sec = await getTranslations("accountSecurity");
  const areas = areasFor(user);
  const ctx = await serviceContext(user);
  const forOrganisations = listMyOrganisationApplications(ctx, {});
  const [pd, e, cs, certificates, applications, notifications] = await Promise.all([
    getTranslations("portalDashboard"),
    getTranslations("enums"),
    getTranslations("certificateState"),
    listMyCertificates(ctx, {}),
    listMyApplications(ctx, {}),
    listMyNotifications(ctx, { locale: locale === "en" ? "en" : "zh-CN" }),
  ]);
  const organisationApplications = await forOrganisations;
  const certName = (c: (typeof certificates)[number]) => (locale === "en" ? c.profile.nameEn : c.profile.nameZh);
  // The nearest deadline over all certificates, for the line at the top.
  const next = certificates
    .filter((c) => c.deadline)
    .sort((a, b) => a.deadline!.at.getTime() - b.deadline!.at.getTime())[0];
  // "#" stands for the number; the client component fills it in as time passes.
  const countdownLabels = {
    days: pd("days", { n: "#" }),
    hours: pd("hours", { n: "#" }),
    minutes: pd("minutes", { n: "#" }),
    passed: pd("passed"),
    remaining: pd("remaining", { time: "#" }),
  };
  return (
    <div className="space-y-6">
      {/* A long e-mail address must wrap on a phone instead of widening the page. */}
      <PageTitle>
        <span className="[overflow-wrap:anywhere]">{t("welcome", { name: user.displayName ?? user.email })}</span>
      </PageTitle>

      {user.secondFactorDue ? (
        <Alert tone="info">
          <span data-testid="second-factor-due">{sec(user.secondFactorDue === "enrol" ? "requiredEnrol" : "requiredSignInAgain")}</span>{" "}
          <Link href="/account/security" className={buttonClass.link}>
            {sec("link")}
          </Link>
        </Alert>
      ) : null}

      <Card title={t("accountTitle")} id="account">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("email")}</dt>
          <dd className="break-all" data-testid="account-email">
            {user.email}
          </dd>
          <dt className="font-medium text-slate-600">{t("roles")}</dt>
          <dd>
            <ul className="flex flex-wrap gap-2" data-testid="account-roles">
              {user.roles.map((r) => (
                <li key={r} className="rounded-full bg-brand-50 px-3 py-0.5 text-sm font-medium text-brand-800">
                  {tr(r)}
                </li>
              ))}
            </ul>
          </dd>
          <dt className="font-medium text-slate-600">{t("memberSince")}</dt>
          <dd>
            <time dateTime={user.createdAt.toISOString()}>{formatDateTime(user.createdAt, locale)}</time>
          </dd>
        </dl>
        <p className="mt-3">
          <Link href="/account/security" className={buttonClass.link}>
            {sec("link")}
          </Link>
        </p>
      </Card>

      {areas.length > 0 ? (
        <Card title={t("staffAreas")} id="areas">
          <ul className="flex flex-wrap gap-3">
            {areas.map((a) => (
              <li key={a}>
                <Link href={`/${a}`} className={buttonClass.secondary}>
                  {nav(a)}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <WaitingSteps applications={[...applications, ...organisationApplications]} certificates={certificates} />

      {next?.deadline ? (
        <section aria-labelledby="next-deadline-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="next-deadline" data-kind={next.deadline.kind}>
          <h2 id="next-deadline-title" className="font-semibold">
            {pd("nextDeadline")}
          </h2>
          <p>
            <DeadlineLabel kind={next.deadline.kind} label={pd(`deadline_${next.deadline.kind}`)} /> ·{" "}
            <Link href={`/certificates/${next.id}`} className={buttonClass.link}>
              {certName(next)}
            </Link>
          </p>
          <p>
            <time dateTime={next.deadline.at.toISOString()}>{formatDateTime(next.deadline.at, locale)}</time> ·{" "}
            <Countdown deadline={next.deadline.at.toISOString()} serverNow={ctx.clock.now().toISOString()} labels={countdownLabels} />
          </p>
        </section>
      ) : null}

      <nav aria-label={pd("quickLinks")} className="flex flex-wrap gap-3">
        <Link href="/apply" className={buttonClass.primary}>
          {pd("apply")}
        </Link>
        <Link href="/support" className={buttonClass.secondary}>
          {pd("support")}
        </Link>
        <Link href="/my-data" className={buttonClass.secondary}>
          {pd("myData")}
        </Link>
        <Link href="/organisations" className={buttonClass.secondary}>{(await getTranslations("organisations"))("title")}</Link>
        <Link href="/update-notices" className={buttonClass.secondary}>{(await getTranslations("updateNoticesPage"))("dashboardLink")}</Link>
      </nav>

      <DraftApplications ctx={ctx} locale={locale} />

      <Card title={t("certificatesTitle")} id="certificates">
        {certificates.length === 0 ? (
          <p className="text-slate-700">{t("certificatesEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="my-certificates">
            {certificates.map((c) => (
              <li key={c.id} className="flex flex-wrap items-start justify-between gap-2 py-3" data-testid="my-certificate">
                <div className="min-w-0">
                  <Link href={`/certificates/${c.id}`} className={`${buttonClass.link} font-medium`}>
                    {certName(c)}
                  </Link>
                  <p className="break-all text-sm text-slate-600">
                    {pd("serial")}: <span className="font-mono">{c.serialHex}</span>
                  </p>
                  {c.deadline ? (
                    <p className="text-sm text-slate-700" data-testid="certificate-deadline" data-kind={c.deadline.kind}>
                      <DeadlineLabel kind={c.deadline.kind} label={pd(`deadline_${c.deadline.kind}`)} />: <time dateTime={c.deadline.at.toISOString()}>{formatDateTime(c.deadline.at, locale)}</time> ·{" "}
                      <Countdown deadline={c.deadline.at.toISOString()} serverNow={ctx.clock.now().toISOString()} labels={countdownLabels} />
                    </p>
                  ) : null}
                  <RenewalLink certificateId={c.id} renew={c.can.renew} />
                </div>
                <span className="rounded-full bg-brand-50 px-3 py-0.5 text-sm font-medium text-brand-800" data-testid="certificate-status" data-status={c.status}>
                  {cs(c.status)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("applicationsTitle")} id="applications">
        {applications.length === 0 ? (
          <p className="text-slate-700">{organisationApplications.length > 0 ? (await getTranslations("dashboardOrganisationApplications"))("ownEmpty") : t("applicationsEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="my-applications">
            {applications.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <span>
                  <Link href={`/applications/${a.id}`} className={buttonClass.link}>
                    {locale === "en" ? a.profile.nameEn : a.profile.nameZh}
                  </Link>
                  <span className="block text-sm text-slate-600">
                    {pd("appCreated")} {formatDateTime(a.createdAt, locale)}
                  </span>
                  {a.status === "DRAFT" || a.status === "NEEDS_INFO" ? (
                    // The applicant holds it: say what to do next, not only where it stands.
                    <Link href={`/applications/${a.id}`} className={`${buttonClass.link} block text-sm font-medium`} data-testid="application-next" data-next={a.status}>
                      {pd(a.status === "DRAFT" ? "applicationNext.draft" : "applicationNext.needsInfo")}
                    </Link>
                  ) : null}
                  {a.serverKeyReady ? (
                    <Link href={`/applications/${a.id}#server-key`} className={`${buttonClass.link} block text-sm font-medium`} data-testid="server-key-action">
                      {pd("serverKeyAction")}
                    </Link>
                  ) : null}
                </span>
                <span className="rounded-full bg-slate-100 px-3 py-0.5 text-sm font-medium text-slate-800" data-status={a.status}>
                  {e(`ApplicationStatus.${a.status}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <OrganisationApplications applications={organisationApplications} />
      <Card title={t("notificationsTitle")} id="notifications">
        {notifications.length === 0 ? (
          <p className="text-slate-700">{t("notificationsEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="my-notifications">
            {notifications.map((n) => (
              <li key={n.id} className="flex flex-wrap justify-between gap-2 py-2" data-testid="my-notification" data-template={n.template} data-status={n.status}>
                <span className="min-w-0 break-words font-medium text-slate-900">{n.subject ?? pd("notifUntitled")}</span>
                <span className="text-slate-600">
                  <time dateTime={(n.sentAt ?? n.createdAt).toISOString()}>{formatDateTime(n.sentAt ?? n.createdAt, locale)}</time> · {e(`NotificationStatus.${n.status}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
