import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import type { Area } from "@/server/auth/roles";

/** The landing page of a staff area until its console is built. */
export async function AreaPlaceholder({ area }: { area: Area }) {
  const [t, c] = await Promise.all([getTranslations(`areas.${area}`), getTranslations("common")]);
  return (
    <div className="space-y-6" data-testid={`area-${area}`}>
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card>
        <p className="text-slate-700">{c("placeholder")}</p>
      </Card>
    </div>
  );
}
