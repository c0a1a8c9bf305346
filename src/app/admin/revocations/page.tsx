import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ScrollTable } from "@/components/console/scroll-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { displayedCertificateStatus } from "@/domain/certificate";
import { CA_GROUND_REASONS, CA_REVOCATION_GROUNDS } from "@/domain/revocation";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { findCertificatesForCaRevocation, recentCaRevocations } from "@/server/revocation/ca-revocation-views";
import { revokeCertificateByCaAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("console.caRevocation"))("title") };
}

const HERE = "/admin/revocations";

type Props = { searchParams: Promise<{ ok?: string; error?: string; serial?: string }> };

export default async function Page({ searchParams }: Props) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [locale, t, e, refusal] = await Promise.all([getLocale(), getTranslations("console.caRevocation"), getTranslations("enums"), getTranslations("actionRefusal")]);
  const ctx = await serviceContext(user);
  const serial = (sp.serial ?? "").trim().slice(0, 120);
  const [found, recent] = await Promise.all([serial ? findCertificatesForCaRevocation(ctx, { serialHex: serial }) : Promise.resolve(null), recentCaRevocations(ctx, {})]);
  const profileName = (p: { nameZh: string; nameEn: string }) => (locale === "en" ? p.nameEn : p.nameZh);
  return (
    <div className="space-y-6" data-testid="admin-ca-revocation">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <p className="text-sm"><Link href="/admin/revocations/batch" className={buttonClass.link}>{(await getTranslations("console.batchRevocation"))("link")}</Link></p>
      <OutcomeBanner ok={sp.ok} error={sp.error} />

      <Card title={t("grounds.title")}>
        <ol className="space-y-1 text-sm" data-testid="ca-grounds">
          {CA_REVOCATION_GROUNDS.map((g) => (
            <li key={g}>
              <span className="font-medium">{t(`grounds.${g}`)}</span>
              {" — "}
              {t("publishedAs", { reason: e(`RevocationReason.${CA_GROUND_REASONS[g].defaultReason}`) })}
            </li>
          ))}
        </ol>
        <p className="mt-3 text-sm text-slate-700">{t("consequences")}</p>
      </Card>

      <Card title={t("find")}>
        <form method="get" action={HERE} className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="grow">
            <Field id="serial" label={t("serial")}><Input id="serial" name="serial" required defaultValue={serial} autoComplete="off" spellCheck={false} /></Field>
          </div>
          <button type="submit" className={buttonClass.secondary}>{t("findButton")}</button>
        </form>
        {found && found.length === 0 ? <div className="mt-3"><Alert tone="error">{t("notFound", { serial })}</Alert></div> : null}
      </Card>

      {(found ?? []).map((c) => (
        <Card key={c.id} title={t("candidate")}>
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" data-testid="ca-revocation-candidate" data-status={c.status}>
            <dt className="font-medium text-slate-600">{t("subject")}</dt>
            <dd className="break-all">{c.subjectDn}</dd>
            <dt className="font-medium text-slate-600">{t("serialShort")}</dt>
            <dd className="break-all font-mono">{c.serialHex}</dd>
            <dt className="font-medium text-slate-600">{t("subscriber")}</dt>
            <dd className="break-all">{c.subscriberOrganisation?.name ?? c.subscriberUser?.displayName ?? "—"}{c.subscriberUser ? ` · ${c.subscriberUser.email}` : ""}</dd>
            <dt className="font-medium text-slate-600">{t("profile")}</dt>
            <dd>{profileName(c.profile)}</dd>
            <dt className="font-medium text-slate-600">{t("issuer")}</dt>
            <dd className="break-all">{c.issuer.name}</dd>
            <dt className="font-medium text-slate-600">{t("validity")}</dt>
            <dd>{formatDateTime(c.notBefore, locale)} – {formatDateTime(c.notAfter, locale)}</dd>
            <dt className="font-medium text-slate-600">{t("status")}</dt>
            <dd data-testid="candidate-status">
              {e(`CertificateStatus.${displayedCertificateStatus(c)}`)}
              {c.revokedAt ? ` · ${formatDateTime(c.revokedAt, locale)}` : ""}
              {c.revocationReason ? ` · ${e(`RevocationReason.${c.revocationReason}`)}` : ""}
            </dd>
          </dl>
          {c.revokedAt ? (
            <div className="mt-3"><Alert tone="info">{t("alreadyRevoked")}</Alert></div>
          ) : !c.can.revoke.ok ? (
            <p className="mt-3 text-slate-700" data-testid="officer-refusal" data-reason={c.can.revoke.reason}>{refusal(c.can.revoke.reason)}</p>
          ) : (
            <form action={revokeCertificateByCaAction} className="mt-4 space-y-3" data-testid="ca-revoke-form">
              <input type="hidden" name="back" value={HERE} />
              <input type="hidden" name="certificateId" value={c.id} />
              {c.holdAt ? <Alert tone="info">{t("suspended")}</Alert> : null}
              <Field id={`ground-${c.id}`} label={t("ground")}>
                {/* Ground and published reason in one choice: only the pairs clause 3 permits are offered. */}
                <Select id={`ground-${c.id}`} name="groundReason">
                  {CA_REVOCATION_GROUNDS.map((g) => (
                    <optgroup key={g} label={t(`grounds.${g}`)}>
                      {[CA_GROUND_REASONS[g].defaultReason, ...CA_GROUND_REASONS[g].allowed.filter((r) => r !== CA_GROUND_REASONS[g].defaultReason)].map((r) => (
                        <option key={r} value={`${g}:${r}`}>{t("groundOption", { ground: t(`grounds.${g}`), reason: e(`RevocationReason.${r}`) })}</option>
                      ))}
                    </optgroup>
                  ))}
                </Select>
              </Field>
              <Field id={`explanation-${c.id}`} label={t("explanation")}>
                <TextArea id={`explanation-${c.id}`} name="explanation" required minLength={10} maxLength={4000} />
              </Field>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="confirm" required className="mt-0.5 h-5 w-5 shrink-0" />
                <span>{t("confirm")}</span>
              </label>
              <SubmitButton pendingLabel={t("working")}>{t("revoke")}</SubmitButton>
            </form>
          )}
        </Card>
      ))}

      <Card title={t("recent", { count: recent.length })}>
        {recent.length === 0 ? (
          <p className="text-sm">{t("noneRecent")}</p>
        ) : (
          <ScrollTable label={t("recentLabel")}>
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-1 pr-3">{t("when")}</th>
                  <th scope="col" className="py-1 pr-3">{t("certificate")}</th>
                  <th scope="col" className="py-1 pr-3">{t("groundShort")}</th>
                  <th scope="col" className="py-1 pr-3">{t("reason")}</th>
                  <th scope="col" className="py-1">{t("facts")}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="ca-revocation-row" data-serial={r.certificate.serialHex} data-ground={r.caGround ?? ""} data-reason={r.reasonCode}>
                    <td className="py-1 pr-3">
                      {formatDateTime(r.doneAt ?? r.receivedAt, locale)}
                      {r.requestedBy ? <span className="block break-all text-slate-600">{r.requestedBy.email}</span> : null}
                    </td>
                    <td className="py-1 pr-3">
                      <span className="block break-all font-mono">{r.certificate.serialHex}</span>
                      <span className="block break-all">{r.certificate.subjectDn}</span>
                      <span className="block text-slate-600">{profileName(r.certificate.profile)} · {e(`CertificateStatus.${r.certificate.status}`)}</span>
                    </td>
                    <td className="py-1 pr-3">{r.caGround ? t(`grounds.${r.caGround}`) : "—"}</td>
                    <td className="py-1 pr-3">{e(`RevocationReason.${r.reasonCode}`)}</td>
                    <td className="py-1 whitespace-pre-wrap break-words">{r.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </Card>
    </div>
  );
}
