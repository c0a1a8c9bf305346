import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ReadableAcceptanceReceipt } from "@/components/receipts/readable-acceptance-receipt";
import { buttonClass } from "@/components/ui/styles";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getAcceptanceReceiptView } from "@/server/certificate/get-acceptance-receipt-view";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("receiptPage"))("title") };
}

/** One of my agreement acceptances as a receipt to read (issue 15 item 5), beside its signed files (../[file]). */
export default async function MyAcceptanceReceiptPage({ params }: { params: Promise<{ acceptanceId: string }> }) {
  const user = await requireUser();
  const { acceptanceId } = await params;
  const [t, locale, ctx] = await Promise.all([getTranslations("receiptPage"), getLocale(), serviceContext(user)]);
  let view;
  try {
    view = await getAcceptanceReceiptView(ctx, { acceptanceId });
  } catch (err) {
    if (isDomainError(err) && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED")) notFound();
    throw err;
  }
  return (
    <div className="space-y-6">
      <p className="print:hidden">
        <Link href="/my-data#acceptances" className={buttonClass.link}>
          {t("acceptance.backToMyData")}
        </Link>
      </p>
      <ReadableAcceptanceReceipt view={view} locale={locale} filesHref={`/my-data/acceptances/${acceptanceId}`} />
    </div>
  );
}
