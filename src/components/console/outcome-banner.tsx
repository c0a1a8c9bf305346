import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { verifiedError } from "@/server/web/signed-outcome";

/**
 * The outcome of the last action, carried back in the query string (?ok=<key> / ?error=<signed
 * message>). The ok key is looked up in `namespace`; an unknown key shows `fallback` (or nothing).
 * An error is shown only when the portal signed it: a crafted link cannot put its own words here.
 */
export async function OutcomeBanner({
  ok,
  error,
  namespace = "console.outcome",
  fallback = "done",
}: {
  ok?: string;
  error?: string;
  namespace?: string;
  fallback?: string | null;
}) {
  const message = await verifiedError(error);
  if (message) return <Alert tone="error">{message}</Alert>;
  if (!ok) return null;
  const t = await getTranslations(namespace);
  const key = t.has(ok) ? ok : fallback;
  return key ? <Alert tone="success">{t(key)}</Alert> : null;
}
