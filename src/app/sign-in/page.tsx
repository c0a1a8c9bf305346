import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "./_components/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { catalogLang } from "@/i18n/locales";
import { safeReturnPath } from "@/server/web/guards";
import { errorMessage } from "@/server/core/errors";
import { getSessionUser } from "@/server/web/session";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.signIn"))("title") };
}

type Search = Promise<{ callbackUrl?: string; verified?: string; reset?: string; code?: string }>;

/** Refusals Auth.js reports in the query when its endpoint is posted to directly (not via the form). */
const QUERY_CODES = ["INVALID_CREDENTIALS", "EMAIL_NOT_VERIFIED", "RATE_LIMITED"] as const;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const callbackUrl = sp.callbackUrl ? safeReturnPath(sp.callbackUrl) : undefined;
  if (await getSessionUser()) redirect(callbackUrl ?? "/dashboard");
  const [t, locale] = await Promise.all([getTranslations("auth.signIn"), getLocale()]);
  // A throttled sign-in (SIGN_IN_DELAYED) arrives here without its time: the generic words then.
  const queryCode = QUERY_CODES.find((c) => c === (sp.code === "SIGN_IN_DELAYED" ? "RATE_LIMITED" : sp.code));
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      footer={
        <>
          <p>
            <Link href="/forgot-password" className={buttonClass.link}>
              {t("forgot")}
            </Link>
          </p>
          <p>
            {t("noAccount")}{" "}
            <Link href="/sign-up" className={buttonClass.link}>
              {t("signUpLink")}
            </Link>
          </p>
        </>
      }
    >
      <div className="mb-4 space-y-3 empty:hidden">
        {sp.verified ? <Alert tone="success">{t("verifiedNotice")}</Alert> : null}
        {sp.reset ? <Alert tone="success">{t("resetNotice")}</Alert> : null}
        {queryCode ? <Alert tone="error">{errorMessage(queryCode, catalogLang(locale))}</Alert> : null}
        {callbackUrl && !sp.verified && !sp.reset ? <Alert tone="info">{t("required")}</Alert> : null}
      </div>
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
