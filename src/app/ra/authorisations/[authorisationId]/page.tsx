import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { formatDuration } from "@/app/ra/_components/duration";
import { Field, TextArea } from "@/components/console/field";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDate, formatDateTime } from "@/i18n/format";
import { catalogLang } from "@/i18n/locales";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getAgentAuthorisation } from "@/server/organisation/get-agent-authorisation";
import { rejectLetterAction, verifyLetterAction } from "../actions";
import { LetterOutcome } from "../outcome";

export async function generateMetadata() {
  return { title: (await getTranslations("letterCheck"))("detailTitle") };
}

type Props = { params: Promise<{ authorisationId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "application/pdf" -> "PDF": the kind of file an officer recognises. */
const fileType = (mime: string) => mime.split("/")[1]?.replace(/^x-/, "").toUpperCase() ?? mime;

/** One authorisation for the letter check: organisation, agent, scope, dates, the letter itself, and the decision. */
export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("ra");
  const [{ authorisationId }, sp] = await Promise.all([params, searchParams]);
  if (!UUID.test(authorisationId)) notFound();
  const ctx = await serviceContext(user);
  const a = await getAgentAuthorisation(ctx, { authorisationId }).catch((err: unknown) => {
    if (isDomainError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [t, e, locale, refusal] = await Promise.all([getTranslations("letterCheck"), getTranslations("enums"), getLocale(), getTranslations("actionRefusal")]);
  const here = `/ra/authorisations/${a.id}`;
  const letter = a.letterDocument;
  const who = (u: { email: string; displayName: string | null }) => (u.displayName ? `${u.displayName} (${u.email})` : u.email);
  const org = a.organisation;
  const orgRows: Array<[string, string | null]> = [
    [t("uscc"), org.unifiedSocialCreditCode],
    [t("nameEn"), org.nameEn],
    [t("legalRepresentative"), org.legalRepresentative],
    [t("address"), org.address],
    [t("phone"), org.phone],
  ];
  const hidden = (
    <>
      <input type="hidden" name="authorisationId" value={a.id} />
      <input type="hidden" name="back" value={here} />
    </>
  );

  return (
    <div className="space-y-6" data-testid="letter-check">
      <PageTitle intro={t("intro")}>{t("detailTitle")}</PageTitle>
      <ConsoleNav area="ra" current="" />
      <LetterOutcome ok={sp.ok} error={sp.error} />
      <p>
        <Link href="/ra/authorisations" className={buttonClass.link}>
          {t("back")}
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={org.name} id="organisation">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {orgRows
              .filter(([, v]) => v)
              .map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-medium">{k}</dt>
                  <dd className="break-all">{v}</dd>
                </div>
              ))}
            <dt className="font-medium">{t("agent")}</dt>
            <dd className="break-all" data-testid="agent">{who(a.agent)}</dd>
            <dt className="font-medium">{t("scope")}</dt>
            <dd data-scope={a.scope.join(" ")}>{a.scope.map((s) => e(`AgentScope.${s}`)).join(locale === "en" ? ", " : "、")}</dd>
            <dt className="font-medium">{t("validity")}</dt>
            <dd>{t("validityRange", { from: formatDate(a.validFrom), until: formatDate(a.validUntil) })}</dd>
            {letter ? (
              <>
                <dt className="font-medium">{t("grantedBy")}</dt>
                <dd className="break-all">{who(letter.owner)}</dd>
              </>
            ) : null}
            <dt className="font-medium">{t("submittedAt")}</dt>
            <dd>
              {formatDateTime(a.createdAt, locale)} · {t("waiting")} {formatDuration(a.waitingMs, catalogLang(locale))}
            </dd>
            <dt className="font-medium">{t("state")}</dt>
            <dd data-testid="authorisation-state" data-state={a.state}>
              {t(`states.${a.state}`)}
            </dd>
            {a.verifiedAt ? (
              <>
                <dt className="font-medium">{t("checkedLabel")}</dt>
                <dd>{t("checkedBy", { who: a.verifiedBy ? who(a.verifiedBy) : "—", at: formatDateTime(a.verifiedAt, locale) })}</dd>
              </>
            ) : null}
            {a.revokedAt ? (
              <>
                <dt className="font-medium">{t("revokedAt")}</dt>
                <dd>{formatDateTime(a.revokedAt, locale)}</dd>
                <dt className="font-medium">{t("revokedReason")}</dt>
                <dd className="break-all">{a.revokedReason}</dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card title={t("letterTitle")} id="letter">
          {!letter ? (
            <p className="text-slate-700">{t("noLetter")}</p>
          ) : (
            <div className="space-y-2">
              <p className="break-all text-sm" data-kind="AUTHORISATION_LETTER">
                {t("fileFacts", { name: letter.fileName, type: fileType(letter.sniffedType), sha: letter.sha256.slice(0, 16) })}
              </p>
              {letter.erasedAt ? (
                <p className="text-sm text-slate-600">{t("erased")}</p>
              ) : (
                <>
                  {letter.sniffedType.startsWith("image/") ? (
                    // eslint-disable-next-line @next/next/no-img-element -- streamed by our own route, not optimisable
                    <img src={`/ra/documents/${letter.id}`} alt={`${e("DocumentKind.AUTHORISATION_LETTER")} ${letter.fileName}`} className="max-h-[32rem] w-full rounded border object-contain" />
                  ) : (
                    <iframe src={`/ra/documents/${letter.id}`} title={`${e("DocumentKind.AUTHORISATION_LETTER")} ${letter.fileName}`} className="h-[32rem] w-full rounded border" />
                  )}
                  <a href={`/ra/documents/${letter.id}`} target="_blank" rel="noreferrer" className={`${buttonClass.link} text-sm`}>
                    {t("openDocument")}
                  </a>
                </>
              )}
            </div>
          )}
        </Card>
      </div>

      <Card title={t("decideTitle")} id="decide">
        {a.state === "AWAITING_CHECK" && !a.can.check.ok ? (
          <p className="text-slate-700" data-testid="officer-refusal" data-reason={a.can.check.reason}>{refusal(a.can.check.reason)}</p>
        ) : a.state === "AWAITING_CHECK" ? (
          <div className="grid gap-6 md:grid-cols-2">
            <form action={verifyLetterAction} className="space-y-2">
              {hidden}
              <p className="text-sm text-slate-700">{t("verifyHint")}</p>
              <SubmitButton pendingLabel={t("working")}>{t("verify")}</SubmitButton>
            </form>
            <form action={rejectLetterAction} className="space-y-2">
              {hidden}
              <Field id="reject-reason" label={t("rejectReason")}>
                <TextArea id="reject-reason" name="reason" required minLength={2} maxLength={500} />
              </Field>
              <SubmitButton pendingLabel={t("working")} variant="secondary">
                {t("reject")}
              </SubmitButton>
            </form>
          </div>
        ) : (
          <p className="text-slate-700">{t("notPending")}</p>
        )}
      </Card>
    </div>
  );
}
