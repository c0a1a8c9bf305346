import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import type { LinkState } from "@/server/account/get-link-state";

/** Why a reset link cannot be used (used, expired or replaced, not valid), with the way to a new one. */
export async function LinkStateNotice({ state }: { state: Exclude<LinkState, "valid"> }) {
  const t = await getTranslations("auth.reset");
  return (
    <div data-testid="reset-link-state" data-state={state}>
      <Alert tone="error" title={t(`link.${state}Title`)}>
        {t(`link.${state}Body`)}
      </Alert>
      <p className="mt-6 flex flex-wrap gap-3">
        <Link href="/forgot-password" className={buttonClass.primary}>
          {t("requestAgain")}
        </Link>
        {state === "used" ? (
          <Link href="/sign-in" className={buttonClass.secondary}>
            {t("link.signIn")}
          </Link>
        ) : null}
      </p>
    </div>
  );
}
