import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/styles";

export default async function NotFound() {
  const [t, c] = await Promise.all([getTranslations("errors"), getTranslations("common")]);
  return (
    <section aria-labelledby="nf-title" className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 id="nf-title" className="text-2xl font-semibold text-slate-900">
        {t("notFoundTitle")}
      </h1>
      <p className="mt-3 text-slate-700">{t("notFoundBody")}</p>
      <p className="mt-6">
        <Link href="/" className={buttonClass.primary}>
          {c("backHome")}
        </Link>
      </p>
    </section>
  );
}
