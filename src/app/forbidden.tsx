import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/styles";

/** Rendered with HTTP 403 whenever a guard calls forbidden(). */
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <section aria-labelledby="forbidden-title" className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm" data-testid="forbidden">
      <h1 id="forbidden-title" className="text-2xl font-semibold text-slate-900">
        {t("forbiddenTitle")}
      </h1>
      <p className="mt-3 text-slate-700">{t("forbiddenBody")}</p>
      <p className="mt-6">
        <Link href="/dashboard" className={buttonClass.primary}>
          {t("goDashboard")}
        </Link>
      </p>
    </section>
  );
}
