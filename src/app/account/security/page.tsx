import { getLocale, getTranslations } from "next-intl/server";
import { renderSVG } from "uqr";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { getMySecondFactors } from "@/server/second-factor/get-my-second-factors";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { removePasskeyAction, removeTotpAction, signOutToSignInAction, startTotpAction } from "./actions";
import { AddPasskey } from "./_components/add-passkey";
import { ConfirmTotpForm, RegenerateRecoveryCodesForm } from "./_components/confirm-totp-form";

export async function generateMetadata() {
  return { title: (await getTranslations("accountSecurity"))("title") };
}

type Search = Promise<{ ok?: string; error?: string }>;

/**
 * Anyone signed in enrols or removes a second factor here; staff whose session lacks one are sent
 * here by the console guard (requireArea) to enrol, or to sign in again once enrolled. The read
 * model says whether this session may change the factors (mine.changes); when not, the page shows
 * them without the controls and says why.
 */
export default async function AccountSecurityPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const sp = await searchParams;
  const [t, locale, mine] = await Promise.all([getTranslations("accountSecurity"), getLocale(), getMySecondFactors(await serviceContext(user), {})]);
  const date = (d: Date) => formatDateTime(d, locale);
  const mayChange = mine.changes !== "second-factor-session-required";
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <OutcomeBanner ok={sp.ok} error={sp.error} namespace="accountSecurity.outcome" />
      {user.secondFactorDue === "enrol" ? (
        <Alert tone="info">
          <span data-testid="second-factor-due" data-due="enrol">
            {t("requiredEnrol")}
          </span>
        </Alert>
      ) : null}
      {user.secondFactorDue === "sign-in-again" ? (
        <Alert tone="info">
          <p data-testid="second-factor-due" data-due="sign-in-again">
            {t("requiredSignInAgain")}
          </p>
          <form action={signOutToSignInAction} className="mt-3">
            <button type="submit" className={buttonClass.primary}>
              {t("signOutAndIn")}
            </button>
          </form>
        </Alert>
      ) : null}
      {!mayChange ? (
        <Alert tone="info">
          <p data-testid="factor-changes-locked">{t("changesNeedSecondFactor")}</p>
          {/* The staff notice above already offers the same button. */}
          {user.secondFactorDue !== "sign-in-again" ? (
            <form action={signOutToSignInAction} className="mt-3">
              <button type="submit" className={buttonClass.primary}>
                {t("signOutAndIn")}
              </button>
            </form>
          ) : null}
        </Alert>
      ) : null}
      {!mine.required ? <p className="text-slate-700">{t("optional")}</p> : null}

      <Card title={t("totpTitle")} id="totp">
        <p className="mb-3 text-slate-700">{t("totpIntro")}</p>
        {mine.totp.enrolled ? (
          <div className="space-y-3">
            <p data-testid="totp-state" data-enrolled="true">
              {t("totpEnrolled", { date: date(mine.totp.enrolledAt!) })}
            </p>
            {mayChange ? (
              <form action={removeTotpAction}>
                <button type="submit" className={buttonClass.secondary}>
                  {t("totpRemove")}
                </button>
              </form>
            ) : null}
          </div>
        ) : mine.pendingTotp && mayChange ? (
          <div className="space-y-4">
            <p>{t("totpScan")}</p>
            <div
              role="img"
              aria-label={t("totpQrLabel")}
              className="h-48 w-48 [&>svg]:h-full [&>svg]:w-full"
              dangerouslySetInnerHTML={{ __html: renderSVG(mine.pendingTotp.uri) }}
            />
            <p>
              {t("totpSecretLabel")}:{" "}
              <code className="break-all font-mono" data-testid="totp-secret">
                {mine.pendingTotp.secret}
              </code>
            </p>
            <ConfirmTotpForm staff={mine.required} />
          </div>
        ) : (
          <div className="space-y-3">
            <p data-testid="totp-state" data-enrolled="false">
              {t("totpNone")}
            </p>
            {mayChange ? (
              <form action={startTotpAction}>
                <button type="submit" className={buttonClass.primary}>
                  {t("totpStart")}
                </button>
              </form>
            ) : null}
          </div>
        )}
      </Card>

      <Card title={t("passkeysTitle")} id="passkeys">
        <p className="mb-3 text-slate-700">{t("passkeysIntro")}</p>
        {mine.passkeys.length === 0 ? <p className="mb-3">{t("passkeysNone")}</p> : null}
        <ul className="mb-4 space-y-2" data-testid="passkeys">
          {mine.passkeys.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-3">
              <span className="font-medium">{p.name}</span>
              <span className="text-sm text-slate-600">
                {t("passkeyAdded", { date: date(p.createdAt) })}
                {p.lastUsedAt ? ` · ${t("passkeyLastUsed", { date: date(p.lastUsedAt) })}` : ""}
              </span>
              {mayChange ? (
                <form action={removePasskeyAction}>
                  <input type="hidden" name="passkeyId" value={p.id} />
                  <button type="submit" className={buttonClass.link} aria-label={`${t("remove")}: ${p.name}`}>
                    {t("remove")}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {mayChange ? <AddPasskey /> : null}
      </Card>

      <Card title={t("recoveryTitle")} id="recovery">
        <p className="mb-3 text-slate-700">{t("recoveryIntro")}</p>
        {mine.enrolled ? (
          <div className="space-y-3">
            <p data-testid="recovery-left">{t("recoveryLeft", { n: mine.recoveryCodesLeft })}</p>
            {mayChange ? <RegenerateRecoveryCodesForm /> : null}
          </div>
        ) : (
          <p>{t("recoveryNone")}</p>
        )}
      </Card>
    </div>
  );
}
