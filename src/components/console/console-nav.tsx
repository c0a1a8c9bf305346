import Link from "next/link";
import { getTranslations } from "next-intl/server";

const LINKS = {
  ra: [["/ra", "queue"], ["/ra/authorisations", "authorisations"], ["/ra/problem-reports", "problemReports"], ["/ra/support", "support"]],
  admin: [
    ["/admin", "overview"],
    ["/admin/approvals", "approvals"],
    ["/admin/agreements", "agreements"],
    ["/admin/profiles", "profiles"],
    ["/admin/registration-authorities", "ras"],
    ["/admin/update-notices", "notices"],
    ["/admin/revocations", "caRevocation"],
    ["/admin/calendar", "calendar"],
    ["/admin/key-recovery", "keyRecovery"],
    ["/admin/privacy", "privacy"],
    ["/admin/jobs", "jobs"],
    ["/admin/staff", "staff"],
    ["/admin/support", "support"],
  ],
  audit: [["/audit", "log"], ["/audit/privacy", "privacy"]],
} as const;

/** The sub-navigation of one staff console. */
export async function ConsoleNav({ area, current }: { area: keyof typeof LINKS; current: string }) {
  const t = await getTranslations("console.nav");
  return (
    <nav aria-label={t("label")} className="mb-6 flex flex-wrap gap-2">
      {LINKS[area].map(([href, key]) => (
        <Link
          key={href}
          href={href}
          aria-current={current === href ? "page" : undefined}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
        >
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}
