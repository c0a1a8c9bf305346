import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ReadableRevocationReceipt } from "../../../_components/readable-revocation-receipt";
import { buttonClass } from "@/components/ui/styles";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getRevocationReceiptView } from "@/server/revocation/get-revocation-receipt-view";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("receiptPage"))("title") };
}

/**
 * A revocation / loss-report receipt for people to read (issue 15 item 5), beside the signed files
 * a third party verifies (../route.ts and ../[file]): the same record, the same access rule.
 */
export default async function RevocationReceiptPage({ params }: { params: Promise<{ id: string; requestId: string }> }) {
  const user = await requireUser();
  const { id, requestId } = await params;
  const [t, locale, ctx] = await Promise.all([getTranslations("receiptPage"), getLocale(), serviceContext(user)]);
  let view;
  try {
    view = await getRevocationReceiptView(ctx, { requestId, certificateId: id });
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
      <ReadableRevocationReceipt view={view} locale={locale} filesHref={`/certificates/${id}/receipt/${requestId}`} />
    </div>
  );
}
