import { getLocale, getTranslations } from "next-intl/server";
import { previewAgreementAction, publishAgreementAction } from "@/app/admin/actions";
import { AgreementEditor, type AgreementEditorLabels } from "./_components/agreement-editor";
import { ConsoleNav } from "@/components/console/console-nav";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { agreementVersions } from "@/server/agreement/list-agreement-versions-for-admin";

export async function generateMetadata() {
  return { title: (await getTranslations("console.agreements"))("title") };
}

const LABELS = [
  "texts", "textsHint", "preview", "previewing", "effectiveAt", "changeSummary", "publish", "publishing", "changes", "noChanges", "against", "zh", "en", "limits", "added", "removed", "changed", "heading", "title", "notice",
  "preamble", "section", "clause", "items", "item", "addClause", "removeClause", "addSection", "removeSection", "limitsCheckbox", "fieldText", "fieldItems", "fieldLimits", "sectionHeading", "newSectionHint",
] as const;

/** A blank draft when no version exists yet (the editor works on the structured document, never on JSON text). */
const EMPTY_DOC = { title: "", notice: "", preamble: [], sections: [{ number: "1", heading: "", clauses: [{ number: "1.1", text: "", limitsLiability: false }] }] };

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.agreements")]);
  const data = await agreementVersions(await serviceContext(user), {});
  const labels = Object.fromEntries(LABELS.map((k) => [k, String(t.raw(`editor.${k}`))])) as AgreementEditorLabels;
  return (
    <div className="space-y-6" data-testid="admin-agreements">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current="/admin/agreements" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <Card title={t("versions")}>
        <ScrollTable label={t("versions")}>
          <table className="w-full text-left text-sm" data-testid="agreement-versions">
            <thead className="border-b border-slate-300">
              <tr>
                <th scope="col" className="py-2 pr-3">{t("col.version")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.effective")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.published")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.acceptances")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.summary")}</th>
              </tr>
            </thead>
            <tbody>
              {data.versions.map((v) => (
                <tr key={v.id} className="border-b border-slate-100" data-version={v.version}>
                  <td className="py-2 pr-3">
                    v{v.version}
                    {v.version === data.currentVersion ? <span className="ml-2 rounded bg-green-100 px-1 text-xs text-green-900">{t("inForce")}</span> : null}
                  </td>
                  <td className="py-2 pr-3">{formatDateTime(v.effectiveAt, locale)}</td>
                  <td className="py-2 pr-3">{v.publishedAt ? formatDateTime(v.publishedAt, locale) : "—"}</td>
                  <td className="py-2 pr-3">{v._count.acceptances}</td>
                  <td className="py-2 pr-3">{v.changeSummary ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </Card>
      <Card title={t("draft")}>
        <AgreementEditor initial={JSON.stringify(data.texts ?? { "zh-CN": EMPTY_DOC, en: EMPTY_DOC })} labels={labels} preview={previewAgreementAction} publish={publishAgreementAction} />
      </Card>
    </div>
  );
}
