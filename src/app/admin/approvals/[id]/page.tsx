import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { catalogLang } from "@/i18n/locales";
import { getApproval } from "@/server/approval";
import { errorMessage, isDomainError } from "@/server/core/errors";
import type { ErrorCode } from "@/server/core/error-catalog";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { ApprovalSummaryList } from "../_components/approval-summary";
import { approveRequestAction, rejectRequestAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("console.approvals"))("detailTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

/** One request: what will happen, who asked and decided, and approve / reject when this administrator may. */
export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("admin");
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const ctx = await serviceContext(user);
  const r = await getApproval(ctx, { id }).catch((err: unknown) => {
    if (isDomainError(err) && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED")) notFound();
    throw err;
  });
  const [locale, t, e] = await Promise.all([getLocale(), getTranslations("console.approvals"), getTranslations("enums")]);
  const lang = catalogLang(locale);
  const why = !r.can.approve.ok ? errorMessage(r.can.approve.reason as ErrorCode, lang) : null;
  return (
    <div className="space-y-6" data-testid="approval" data-approval-id={r.id} data-status={r.status}>
      <PageTitle>{t("detailTitle")}</PageTitle>
      <ConsoleNav area="admin" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} namespace="console.approvals.outcome" fallback={null} />
      <p>
        <Link href="/admin/approvals" className={buttonClass.link}>
          {t("back")}
        </Link>
      </p>
      <Card title={e(`ApprovalKind.${r.kind}`)}>
        <p className="mb-2 font-medium" data-testid="approval-status">
          {e(`ApprovalStatus.${r.status}`)}
          {r.status === "PENDING" ? ` · ${t("count", { approvals: r.approvals, required: r.requiredApprovals })}` : ""}
        </p>
        {r.failure ? <p className="mb-2 text-sm text-red-800">{t("failure", { why: errorMessage(r.failure as ErrorCode, lang) })}</p> : null}
        <ApprovalSummaryList summary={r.summary} />
        <p className="mt-3 text-sm text-slate-700">{t("requestedBy", { who: r.requestedBy.email, at: formatDateTime(r.createdAt, locale) })}</p>
        <p className="text-sm text-slate-700">{t("expires", { at: formatDateTime(r.expiresAt, locale) })}</p>
        <p className="break-all text-xs text-slate-600">{t("hash", { sha: r.payloadSha256 })}</p>
      </Card>
      {r.canDownloadRecoveredKey ? (
        <p>
          {/* A file download (the route audits it), not a page: a plain link, not next/link. */}
          <a href={`/admin/approvals/${r.id}/recovered-key`} className={buttonClass.link} data-testid="recovered-key-download" download>
            {t("recoveredKey")}
          </a>
        </p>
      ) : null}
      {r.decisions.length > 0 ? (
        <Card title={t("decisions")}>
          <ul className="space-y-1 text-sm">
            {r.decisions.map((d) => (
              <li key={d.admin.id} className="break-words">
                {d.admin.email} · {t(`decision.${d.decision}`)} · {formatDateTime(d.at, locale)}
                {d.comment ? ` · ${d.comment}` : ""}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {r.can.approve.ok ? (
        <Card title={t("decide")}>
          <form action={approveRequestAction} className="space-y-3">
            <input type="hidden" name="requestId" value={r.id} />
            <label className="block text-sm font-medium" htmlFor="comment">
              {t("comment")}
            </label>
            <textarea id="comment" name="comment" rows={2} maxLength={2000} className={inputClass} />
            <div className="flex flex-wrap gap-3">
              <button type="submit" className={`${buttonClass.primary} w-full sm:w-auto`}>
                {t("approve")}
              </button>
              <button type="submit" formAction={rejectRequestAction} className={`${buttonClass.secondary} w-full sm:w-auto`}>
                {t("reject")}
              </button>
            </div>
          </form>
        </Card>
      ) : r.status === "PENDING" && why ? (
        <p className="text-sm text-slate-700" data-testid="approval-why-not">
          {why}
        </p>
      ) : null}
    </div>
  );
}
