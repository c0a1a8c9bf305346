import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "./_components/forgot-password-form";
import { buttonClass } from "@/components/ui/styles";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.forgot"))("title") };
}

export default async function ForgotPasswordPage() {
  const [t, s] = await Promise.all([getTranslations("auth.forgot"), getTranslations("auth.signIn")]);
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      footer={
        <p>
          <Link href="/sign-in" className={buttonClass.link}>
            {s("title")}
          </Link>
        </p>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
