import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Countdown } from "@/components/portal/countdown";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { UPDATE_REMINDER_WORKDAYS } from "@/domain/update-notice";
import { formatDateTime } from "@/i18n/format";
import type { MyUpdateNotice } from "@/server/update-notice/list-my-update-notices";

const STATE_TONE = {
  UPDATED: "bg-emerald-50 text-emerald-900",
  OPEN: "bg-amber-50 text-amber-950",
  REVOKED_AT_DEADLINE: "bg-red-50 text-red-900",
  ENDED: "bg-slate-100 text-slate-800",
} as const;

/** One notice: why, by when (with the countdown), what happens after, progress, and each certificate with its state or its update button. */
export async function UpdateNoticeCard({ notice: n, locale, serverNow }: { notice: MyUpdateNotice; locale: string; serverNow: Date }) {
  const [t, pd] = await Promise.all([getTranslations("updateNoticesPage"), getTranslations("portalDashboard")]);
  const countdownLabels = {
    days: pd("days", { n: "#" }),
    hours: pd("hours", { n: "#" }),
    minutes: pd("minutes", { n: "#" }),
    passed: pd("passed"),
    remaining: pd("remaining", { time: "#" }),
  };
  const id = `notice-${n.noticeId}`;
  return (
    <div data-testid="update-notice" data-notice-id={n.noticeId} data-consequence={n.consequence}>
      <Card title={t("noticeTitle", { deadline: formatDateTime(n.deadline, locale) })} id={id}>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("reason")}</dt>
          <dd className="whitespace-pre-line [overflow-wrap:anywhere]" data-testid="update-notice-reason">
            {n.reason}
          </dd>
          <dt className="font-medium text-slate-600">{t("deadline")}</dt>
          <dd>
            <time dateTime={n.deadline.toISOString()}>{formatDateTime(n.deadline, locale)}</time> ·{" "}
            {n.overdue ? <span className="font-medium text-red-800">{t("overdue")}</span> : <Countdown deadline={n.deadline.toISOString()} serverNow={serverNow.toISOString()} labels={countdownLabels} />}
          </dd>
          <dt className="font-medium text-slate-600">{t("atDeadline")}</dt>
          <dd data-testid="update-notice-consequence">
            {t(`consequence.${n.consequence}`)}
            {n.reminderAt && n.reminderAt.getTime() > serverNow.getTime() ? <span className="block text-sm text-slate-600">{t("reminder", { days: UPDATE_REMINDER_WORKDAYS, at: formatDateTime(n.reminderAt, locale) })}</span> : null}
          </dd>
          <dt className="font-medium text-slate-600">{t("progressLabel")}</dt>
          <dd data-testid="update-notice-progress" data-updated={n.progress.updated} data-open={n.progress.open} data-total={n.progress.total}>
            {t("progress", { updated: n.progress.updated, open: n.progress.open, total: n.progress.total })}
            {n.progress.ended > 0 ? <span className="block text-sm text-slate-600">{t("progressEnded", { ended: n.progress.ended })}</span> : null}
          </dd>
        </dl>
        <h3 className="mt-5 mb-2 font-semibold text-slate-900">{t("certificates")}</h3>
        <ul className="divide-y divide-slate-100">
          {n.certificates.map((c) => (
            <li key={c.certificateId} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="update-notice-target" data-certificate-id={c.certificateId} data-state={c.state}>
              <div className="min-w-0 space-y-0.5">
                <Link href={`/certificates/${c.certificateId}`} className={`${buttonClass.link} font-medium`}>
                  {t("serial")} <span className="font-mono break-all">{c.serialHex}</span>
                </Link>
                <p className="text-sm break-all text-slate-700">{c.subjectDn}</p>
                {c.organisationName ? (
                  <p className="text-sm text-slate-700">
                    {t("organisation")}: {c.organisationName}
                  </p>
                ) : null}
                <p className="text-sm text-slate-600">
                  {t("validUntil")} <time dateTime={c.notAfter.toISOString()}>{formatDateTime(c.notAfter, locale)}</time>
                </p>
                {c.state === "UPDATED" && c.resolvedByCertificateId ? (
                  <p className="text-sm">
                    {t("replacedBy")}:{" "}
                    <Link href={`/certificates/${c.resolvedByCertificateId}`} className={buttonClass.link} data-testid="update-notice-replacement">
                      <span className="font-mono break-all">{c.resolvedBySerialHex}</span>
                    </Link>
                  </p>
                ) : null}
              </div>
              <div className="flex flex-col items-start gap-2 sm:items-end">
                <span className={`rounded-full px-3 py-0.5 text-sm font-medium ${STATE_TONE[c.state]}`} data-testid="update-notice-target-state">
                  {t(`state.${c.state}`)}
                </span>
                {c.can.startUpdate.ok ? (
                  <Link href={c.updatePath} className={buttonClass.primary} data-testid="start-update">
                    {t("startUpdate")}
                    <span className="sr-only"> {c.serialHex}</span>
                  </Link>
                ) : c.state === "OPEN" ? (
                  <p className="max-w-xs text-sm text-slate-700" data-testid="start-update-refused" data-reason={c.can.startUpdate.reason}>
                    {t("cannotStart")}
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
