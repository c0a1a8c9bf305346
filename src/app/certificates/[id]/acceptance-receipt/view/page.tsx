import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ReadableAcceptanceReceipt } from "@/components/receipts/readable-acceptance-receipt";
import { buttonClass } from "@/components/ui/styles";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getCertificateAcceptanceReceiptView } from "@/server/certificate/get-acceptance-receipt-view";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("receiptPage"))("title") };
}

/** The acceptance receipt of a certificate to read (issue 15 item 5), beside its signed files (../[file]). */
export default async function CertificateAcceptanceReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const [t, locale, ctx] = await Promise.all([getTranslations("receiptPage"), getLocale(), serviceContext(user)]);
  let view;
  try {
    view = await getCertificateAcceptanceReceiptView(ctx, { certificateId: id });
  } catch (err) {
    if (isDomainError(err) && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED")) notFound();
    throw err;
  }
  return (
    <div className="space-y-6">
      <p className="print:hidden">
        <Link href={`/certificates/${id}#receipts`} className={buttonClass.link}>
          {t("back")}
        </Link>
      </p>
      <ReadableAcceptanceReceipt view={view} locale={locale} filesHref={`/certificates/${id}/acceptance-receipt`} />
    </div>
  );
}
