import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { PATH_HEADER } from "@/server/web/guards";
import { verifiedError } from "@/server/web/signed-outcome";

/**
 * The outcome of the last action, carried back in the query string (?ok=<key> / ?error=<signed
 * message>). The ok key is looked up in `namespace`; an unknown key shows `fallback` (or nothing).
 * An error is shown only when the portal signed it for this page (the path src/proxy.ts passes
 * on) and it has not expired: a crafted link cannot put its own words here, nor move a genuine
 * refusal to another page.
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
  const message = await verifiedError(error, (await headers()).get(PATH_HEADER) ?? "");
  if (message) return <Alert tone="error">{message}</Alert>;
  if (!ok) return null;
  const t = await getTranslations(namespace);
  const key = t.has(ok) ? ok : fallback;
  return key ? <Alert tone="success">{t(key)}</Alert> : null;
}
