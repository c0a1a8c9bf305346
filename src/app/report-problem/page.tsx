import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
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
  const [t, sp, messages] = await Promise.all([getTranslations("problemReportPage"), searchParams, getMessages()]);
  const { nonce } = await issueKeyProofNonce(await serviceContext(null), {});
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card>
        {/* The form's words only: the layout gives client components a few shared namespaces. */}
        <NextIntlClientProvider messages={{ problemReportPage: messages.problemReportPage } as typeof messages}>
          <ReportForm keyProofNonce={nonce} initialSerial={(sp.serial ?? "").slice(0, 200)} />
        </NextIntlClientProvider>
      </Card>
    </div>
  );
}
