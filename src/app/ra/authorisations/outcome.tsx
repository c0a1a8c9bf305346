import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";

/** The outcome of the last letter decision, carried back in the query (?ok= / ?error=). */
export async function LetterOutcome({ ok, error }: { ok?: string; error?: string }) {
  if (error) return <Alert tone="error">{error}</Alert>;
  if (!ok) return null;
  const t = await getTranslations("letterCheck.outcome");
  return t.has(ok) ? <Alert tone="success">{t(ok)}</Alert> : null;
}
