import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";

/** The outcome of the last console action, carried back in the query string (?ok= / ?error=). */
export async function OutcomeBanner({ ok, error }: { ok?: string; error?: string }) {
  if (!ok && !error) return null;
  const t = await getTranslations("console.outcome");
  if (error) return <Alert tone="error">{error}</Alert>;
  return <Alert tone="success">{t.has(ok!) ? t(ok!) : t("done")}</Alert>;
}
