"use client";

import { useTranslations } from "next-intl";

/** Recovery codes shown once, right after they were made. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  const t = useTranslations("accountSecurity");
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="recovery-codes">
      <p className="font-medium text-amber-900">{t("recoveryShownOnce")}</p>
      <ul className="grid grid-cols-2 gap-1 font-mono text-slate-900">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}
