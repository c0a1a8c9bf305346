import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";

export async function generateMetadata() {
  return { title: (await getTranslations("privacyPage"))("title") };
}

const PARTS = ["collect", "use", "keep", "third", "rights"] as const;

/** What the portal does with personal information (agreement clause 6), in plain words. */
export default async function PrivacyPolicyPage() {
  const t = await getTranslations("privacyPage");
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      {PARTS.map((p) => (
        <Card key={p} title={t(`${p}Title`)} id={`privacy-${p}`}>
          <p className="leading-relaxed text-slate-800">{t(`${p}Body`)}</p>
          {p === "rights" ? (
            <p className="mt-3">
              <Link href="/my-data" className={buttonClass.link}>
                {t("myData")}
              </Link>
            </p>
          ) : null}
        </Card>
      ))}
    </div>
  );
}
