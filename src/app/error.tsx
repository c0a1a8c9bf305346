"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/styles";

/** Unexpected failures: a calm message and a retry, never the error's text. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <section aria-labelledby="err-title" className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 id="err-title" className="text-2xl font-semibold text-slate-900">
        {t("genericTitle")}
      </h1>
      <p className="mt-3 text-slate-700">{t("genericBody")}</p>
      <p className="mt-6">
        <button type="button" onClick={reset} className={buttonClass.primary}>
          {t("retry")}
        </button>
      </p>
    </section>
  );
}
