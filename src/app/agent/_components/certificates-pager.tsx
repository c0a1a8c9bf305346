import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/styles";

/**
 * Pages of the organisation certificates on /agent (listOrganisationCertificates returns one page
 * and the total): plain links, so a page can be bookmarked and works without JavaScript.
 */
export async function CertificatesPager({ page }: { page: { number: number; pages: number; total: number } }) {
  if (page.pages <= 1) return null;
  const t = await getTranslations("agentPage.certsPager");
  const href = (n: number) => `/agent?page=${n}#certificates`;
  return (
    <nav aria-label={t("label")} className="mt-4 flex flex-wrap items-center justify-between gap-3" data-testid="agent-certificates-pager">
      <p className="text-sm text-slate-700">{t("summary", { total: page.total, page: page.number, pages: page.pages })}</p>
      <span className="flex gap-2">
        {page.number > 1 ? (
          <Link href={href(page.number - 1)} className={buttonClass.smallSecondary} rel="prev">
            {t("previous")}
          </Link>
        ) : null}
        {page.number < page.pages ? (
          <Link href={href(page.number + 1)} className={buttonClass.smallSecondary} rel="next">
            {t("next")}
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
