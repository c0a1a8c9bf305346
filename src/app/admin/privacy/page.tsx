import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";
import { serviceContext } from "@/server/auth/service-context";
import { listDisclosures } from "@/server/privacy/list-disclosures";
import { listPrivacyRequests } from "@/server/privacy/list-privacy-requests";
import { listProcessors } from "@/server/privacy/list-processors";
import { cessationState } from "@/server/ui-queries/console/admin-registers";

export async function generateMetadata() {
  return { title: (await getTranslations("console.privacy"))("title") };
}

export default async function Page() {
  const user = await requireRole(...AREA_ROLES.admin);
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.privacy")]);
  const ctx = await serviceContext(user);
  const [requests, processors, disclosures, cessation] = await Promise.all([
    listPrivacyRequests(ctx, { kind: "DELETION" }),
    listProcessors(ctx, {}),
    listDisclosures(ctx, {}),
    cessationState(ctx, {}),
  ]);
  return (
    <div className="space-y-6" data-testid="admin-privacy">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current="/admin/privacy" />
      <Card title={t("cessation")}>
        <pre className="whitespace-pre-wrap break-all text-xs" data-testid="cessation-state">{JSON.stringify(cessation, null, 2)}</pre>
      </Card>
      <Card title={t("deletions", { count: requests.length })}>
        <ul className="space-y-2 text-sm">
          {requests.map((r) => (
            <li key={r.id}>
              {formatDateTime(r.requestedAt, locale)} · {r.status}
              {r.completedAt ? ` · ${formatDateTime(r.completedAt, locale)}` : ""}
              {r.outcome ? <pre className="mt-1 whitespace-pre-wrap break-all text-xs">{JSON.stringify(r.outcome)}</pre> : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("processors", { count: processors.length })}>
        <ul className="space-y-1 text-sm">
          {processors.map((p) => (
            <li key={p.id}>{p.name} · {p.active ? t("active") : t("inactive")} · {t("disclosureCount", { count: p.disclosures })}</li>
          ))}
        </ul>
      </Card>
      <Card title={t("disclosures", { count: disclosures.length })}>
        <ul className="space-y-1 text-sm">
          {disclosures.map((d) => (
            <li key={d.id} className="break-all">{JSON.stringify({ ...d, id: undefined })}</li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
