import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { listMyUpdateNotices } from "@/server/update-notice/list-my-update-notices";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { UpdateNoticeCard } from "./_components/update-notice-card";

export async function generateMetadata() {
  return { title: (await getTranslations("updateNoticesPage"))("title") };
}

/**
 * Clause 4: the update notices that concern the signed-in person (their certificates, and those
 * of organisations they administer or update for), with progress and the one button per open
 * certificate that starts its update. The notice mails link here.
 */
export default async function UpdateNoticesPage() {
  const user = await requireUser();
  const ctx = await serviceContext(user);
  const [t, locale, notices] = await Promise.all([getTranslations("updateNoticesPage"), getLocale(), listMyUpdateNotices(ctx, {})]);
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      {notices.length === 0 ? (
        <Card>
          <p className="text-slate-700" data-testid="update-notices-none">
            {t("none")}
          </p>
        </Card>
      ) : (
        notices.map((n) => <UpdateNoticeCard key={n.noticeId} notice={n} locale={locale} serverNow={ctx.clock.now()} />)
      )}
    </div>
  );
}
