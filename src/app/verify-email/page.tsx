import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { catalogLang } from "@/i18n/locales";
import { verifyEmail } from "@/server/account/verify-email";
import { serviceContext } from "@/server/web/service-context";
import { errorMessage, isDomainError } from "@/server/core/errors";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.verify"))("title") };
}

/**
 * Opening the mailed link verifies the address. Repeat visits (a mail scanner got there first)
 * still show success; anything else shows why, in the catalog's words.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("auth.verify"), getLocale()]);

  let outcome: { ok: true; already: boolean } | { ok: false; message: string };
  if (!token) {
    outcome = { ok: false, message: t("missing") };
  } else {
    try {
      const r = await verifyEmail(await serviceContext(null), { token });
      outcome = { ok: true, already: r.alreadyVerified };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      // A mangled token is just an invalid link to the reader.
      outcome = { ok: false, message: errorMessage(e.code === "VALIDATION_FAILED" ? "TOKEN_INVALID" : e.code, catalogLang(locale)) };
    }
  }

  return (
    <AuthCard title={t("title")}>
      {outcome.ok ? (
        <Alert tone="success" title={t("okTitle")}>
          <p data-testid="verify-ok">{outcome.already ? t("alreadyBody") : t("okBody")}</p>
        </Alert>
      ) : (
        <Alert tone="error" title={t("failTitle")}>
          {outcome.message}
        </Alert>
      )}
      <p className="mt-6">
        <Link href={outcome.ok ? "/sign-in?verified=1" : "/sign-in"} className={buttonClass.primary}>
          {t("goSignIn")}
        </Link>
      </p>
    </AuthCard>
  );
}
