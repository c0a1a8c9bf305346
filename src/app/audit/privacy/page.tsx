import { getTranslations } from "next-intl/server";
import { DisclosureTable, oneOf, ProcessorTable, REQUEST_KINDS, REQUEST_STATUSES, RequestTable, RetentionFacts } from "@/app/admin/privacy/_components/register-tables";
import { ConsoleNav } from "@/components/console/console-nav";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { listDisclosures } from "@/server/privacy/list-disclosures";
import { listPrivacyRequests } from "@/server/privacy/list-privacy-requests";
import { listProcessors } from "@/server/privacy/list-processors";
import { readRetentionPolicy } from "@/server/privacy/read-retention-policy";

export async function generateMetadata() {
  return { title: (await getTranslations("privacyRegister.auditView"))("title") };
}

const HERE = "/audit/privacy";

/**
 * The auditor's read-only view of the privacy register (mayReadPrivacyRegister lets auditors read
 * it): the retention period in force, processors, disclosures and every privacy request. No forms:
 * changing the register is the CA administrator's (isCaAdmin), on /admin/privacy.
 */
export default async function Page({ searchParams }: { searchParams: Promise<{ kind?: string; status?: string }> }) {
  // Checked here too: a layout is not re-run on every navigation inside it, a page is.
  const user = await requireArea("audit");
  const sp = await searchParams;
  const kind = oneOf(REQUEST_KINDS, sp.kind);
  const status = oneOf(REQUEST_STATUSES, sp.status);
  const [t, p, r, ctx] = await Promise.all([
    getTranslations("privacyRegister.auditView"),
    getTranslations("console.privacy"),
    getTranslations("privacyRegister.retention"),
    serviceContext(user),
  ]);
  const [retention, processors, disclosures, requests] = await Promise.all([
    readRetentionPolicy(ctx, {}),
    listProcessors(ctx, {}),
    listDisclosures(ctx, {}),
    listPrivacyRequests(ctx, { kind, status }),
  ]);
  return (
    <div className="space-y-6" data-testid="audit-privacy">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="audit" current={HERE} />
      <Card title={r("title")}>
        <RetentionFacts policy={retention} />
      </Card>
      <Card title={p("processors", { count: processors.length })}>
        <ProcessorTable processors={processors} />
      </Card>
      <Card title={p("disclosures", { count: disclosures.length })}>
        <DisclosureTable disclosures={disclosures} />
      </Card>
      <RequestTable requests={requests} action={HERE} kind={kind} status={status} />
    </div>
  );
}
