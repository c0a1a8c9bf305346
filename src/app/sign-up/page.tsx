import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "./_components/sign-up-form";
import { buttonClass } from "@/components/ui/styles";
import { getSessionUser } from "@/server/web/session";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.signUp"))("title") };
}

export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/dashboard");
  const t = await getTranslations("auth.signUp");
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      footer={
        <p>
          {t("haveAccount")}{" "}
          <Link href="/sign-in" className={buttonClass.link}>
            {t("signInLink")}
          </Link>
        </p>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
