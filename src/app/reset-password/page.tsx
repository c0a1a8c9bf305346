import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "./_components/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.reset"))("title") };
}

/** Showing the form does not use the link; only saving the new password does (single use). */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth.reset");
  return (
    <AuthCard title={t("title")} intro={token ? t("intro") : undefined}>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <>
          <Alert tone="error">{t("missing")}</Alert>
          <p className="mt-6">
            <Link href="/forgot-password" className={buttonClass.primary}>
              {t("requestAgain")}
            </Link>
          </p>
        </>
      )}
    </AuthCard>
  );
}
