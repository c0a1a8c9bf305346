import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";

/** The outcome of the last action on an organisation page, carried back in the query (?ok= / ?error=). */
export async function Outcome({ ok, error }: { ok?: string; error?: string }) {
  if (!ok && !error) return null;
  if (error) return <Alert tone="error">{error}</Alert>;
  const t = await getTranslations("organisations.outcome");
  return t.has(ok!) ? <Alert tone="success">{t(ok!)}</Alert> : null;
}
