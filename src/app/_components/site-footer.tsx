import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { settings } from "@/config/settings";

export async function SiteFooter() {
  const [t, fees, report] = await Promise.all([getTranslations("footer"), getTranslations("feesPage"), getTranslations("problemReportPage")]);
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <div className="mx-auto grid max-w-5xl gap-1 px-4 py-6 text-sm text-slate-700">
        <p>
          <strong className="font-semibold text-slate-900">{t("hotline", { hotline: settings().hotline })}</strong>
        </p>
        <p>{t("serviceHours")}</p>
        <p>{t("onlineService")}</p>
        <p>
          <Link href="/fees" className="font-medium text-sky-800 underline">
            {fees("link")}
          </Link>
        </p>
        <p>
          <Link href="/report-problem" className="font-medium text-sky-800 underline">
            {report("footerLink")}
          </Link>
        </p>
        <p className="mt-2 text-slate-600">{t("copyright", { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
