import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { settings } from "@/config/settings";
import { getSessionUser } from "@/server/web/session";

const PUBLIC_LINKS = [
  ["/agreement", "agreementLink"],
  ["/query", "queryLink"],
  ["/verify", "verifyLink"],
  ["/repository", "repositoryLink"],
  ["/privacy-policy", "privacyLink"],
] as const;

/*
 * Why the public pages (this one, /agreement, /repository, /fees) are rendered per request and not
 * prerendered (issue 16 item 3, decided): a prerendered page is one HTML for every visitor, and
 * (1) every page carries a fresh CSP nonce on each of its scripts (src/proxy.ts): a cached page
 * would hand every visitor the same nonce, which then protects nothing, and a hash-based policy
 * cannot cover Next's per-page inline flight scripts without hashing every response; (2) the
 * language comes from the visitor's cookie or Accept-Language, not the URL; (3) the header shows
 * who is signed in. So the render stays dynamic and what it costs per request was cut instead:
 * settings validated once per process, messages merged once, no Auth.js run without a session
 * cookie, no file I/O in the health check. The data these pages read (the published agreement
 * versions, the active profiles and their fees, the CA list) is one small indexed query each, read
 * live: a publication is visible at once on every instance, with nothing to revalidate.
 */
export default async function HomePage() {
  const [t, tp, user] = await Promise.all([getTranslations("home"), getTranslations("portalHome"), getSessionUser()]);
  const steps = ["step1", "step2", "step3", "step4", "step5"] as const;
  return (
    <div className="space-y-8">
      <section aria-labelledby="hero-title" className="rounded-xl bg-gradient-to-br from-brand-800 to-brand-900 px-6 py-10 text-white shadow sm:px-10">
        <h1 id="hero-title" className="text-3xl font-semibold tracking-tight sm:text-4xl">
          {t("heroTitle")}
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-brand-50">{t("heroBody")}</p>
        <div className="mt-6">
          <Link
            href={user ? "/dashboard" : "/sign-up"}
            className="inline-flex min-h-11 items-center rounded-md bg-white px-5 py-2 font-semibold text-brand-900 shadow hover:bg-brand-50"
          >
            {user ? t("ctaDashboard") : t("ctaApply")}
          </Link>
        </div>
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("offerTitle")} id="offer">
          <ul className="list-disc space-y-2 pl-5 text-slate-700">
            <li>{t("offerPersonal")}</li>
            <li>{t("offerOrg")}</li>
            <li>{t("offerVerify")}</li>
          </ul>
        </Card>
        <Card title={t("stepsTitle")} id="steps">
          <ol className="list-decimal space-y-2 pl-5 text-slate-700">
            {steps.map((s) => (
              <li key={s}>{t(s)}</li>
            ))}
          </ol>
        </Card>
      </div>

      <Card title={tp("publicTitle")} id="public">
        <p className="text-slate-700">{tp("publicBody")}</p>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {PUBLIC_LINKS.map(([href, key]) => (
            <li key={href}>
              <Link href={href} className={buttonClass.link}>
                {tp(key)}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/fees" className={buttonClass.link}>
              {(await getTranslations("feesPage"))("link")}
            </Link>
          </li>
        </ul>
      </Card>

      <Card title={t("helpTitle")} id="help">
        <p className="text-slate-700">{t("helpBody", { hotline: settings().hotline })}</p>
        <p className="mt-2 text-slate-700">{tp("onlineService")}</p>
        {!user ? (
          <p className="mt-4">
            <Link href="/sign-in" className={buttonClass.link}>
              {(await getTranslations("common"))("signIn")}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
