import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { serviceContext } from "@/server/web/service-context";
import { issueKeyProofNonce } from "@/server/problem-report/issue-problem-report-challenges";
import { ReportForm } from "./_components/report-form";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("problemReportPage"))("title") };
}

/**
 * Certificate problem reports (Baseline Requirements 4.9.3): open to anyone, around the clock,
 * without an account. The page carries a fresh nonce for the key-compromise proof.
 */
export default async function ReportProblemPage({ searchParams }: { searchParams: Promise<{ serial?: string }> }) {
  const [t, sp] = await Promise.all([getTranslations("problemReportPage"), searchParams]);
  const { nonce } = await issueKeyProofNonce(await serviceContext(null), {});
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card>
        <ReportForm keyProofNonce={nonce} initialSerial={(sp.serial ?? "").slice(0, 200)} />
      </Card>
    </div>
  );
}
