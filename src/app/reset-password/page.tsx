import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "./_components/reset-password-form";
import { LinkStateNotice } from "./_components/link-state-notice";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { getLinkState } from "@/server/account/get-link-state";
import { serviceContext } from "@/server/web/service-context";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.reset"))("title") };
}

/**
 * Showing the form does not use the link; only saving the new password does (single use). The
 * link's state is read first, so a used or expired link says so before anything is typed.
 */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth.reset");
  const state = typeof token === "string" && token ? await getLinkState(await serviceContext(null), { token: token.slice(0, 500), purpose: "RESET_PASSWORD" }) : null;
  return (
    <AuthCard title={t("title")} intro={state === "valid" ? t("intro") : undefined}>
      {state === "valid" ? (
        <ResetPasswordForm token={token!} />
      ) : state ? (
        <LinkStateNotice state={state} />
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
