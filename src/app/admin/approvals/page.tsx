import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { listApprovals, type ApprovalView } from "@/server/approval";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";

export async function generateMetadata() {
  return { title: (await getTranslations("console.approvals"))("title") };
}

type Props = { searchParams: Promise<{ ok?: string; error?: string }> };

/** Dual control: what waits for this administrator, their own requests, and the recent outcomes. */
export default async function Page({ searchParams }: Props) {
  const user = await requireArea("admin");
  const [sp, ctx] = await Promise.all([searchParams, serviceContext(user)]);
  const [lists, locale, t, e] = await Promise.all([listApprovals(ctx, {}), getLocale(), getTranslations("console.approvals"), getTranslations("enums")]);
  const list = (key: "waiting" | "mine" | "recent", rows: ApprovalView[]) => (
    <Card title={`${t(`lists.${key}`)} (${rows.length})`}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid={`approvals-${key}`}>
          {rows.map((r) => (
            <li key={r.id} data-approval-id={r.id} className="break-words">
              <Link href={`/admin/approvals/${r.id}`} className={buttonClass.link}>
                {e(`ApprovalKind.${r.kind}`)}
              </Link>{" "}
              · {e(`ApprovalStatus.${r.status}`)} · {t("requestedBy", { who: r.requestedBy.email, at: formatDateTime(r.createdAt, locale) })} · {t("count", { approvals: r.approvals, required: r.requiredApprovals })}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
  return (
    <div className="space-y-6">
      <PageTitle>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current="/admin/approvals" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {list("waiting", lists.waiting)}
      {list("mine", lists.mine)}
      {list("recent", lists.recent)}
    </div>
  );
}
