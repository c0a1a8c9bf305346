import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { receiptBaseName, receiptVerifyCommands, RECEIPT_FILES, type ReceiptFileName } from "@/server/ca-service/signed-receipt";

interface HeldRecordsProps {
  account: { email: string; displayName: string | null; createdAt: Date; emailVerifiedAt: Date | null };
  identities: { id: string; legalName: string; idDocumentType: string; idDocumentNumberMasked: string; verifiedAt: Date | null }[];
  acceptances: { acceptanceId: string; acceptedAt: Date; context: string; method: string; agreementVersion: number; organisationName: string | null; supersededAt: Date | null }[];
  requests: { id: string; kind: string; status: string; requestedAt: Date; completedAt: Date | null }[];
  when: (d: Date) => string;
}

/**
 * Clause 6 and 7.5 on one page: what the portal holds about me at a glance (account, identities
 * with the number masked), every agreement acceptance with its signed, timestamped receipt as
 * files openssl checks, and my export and deletion requests with their state.
 */
export async function HeldRecords({ account, identities, acceptances, requests, when }: HeldRecordsProps) {
  const [t, r, e, rp] = await Promise.all([getTranslations("myDataPage.held"), getTranslations("certificatePage.signedReceipts"), getTranslations("enums"), getTranslations("receiptPage")]);
  const label: Record<ReceiptFileName, string> = { "receipt.p7s": r("p7s"), "receipt.tsr": r("tsr"), "receipt.json": r("json"), "chain.pem": r("chain") };
  const example = receiptVerifyCommands(receiptBaseName("acceptance", acceptances[0]?.acceptanceId ?? "<id>"));
  return (
    <>
      <Card title={t("accountTitle")} id="account">
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("email")}</dt>
          <dd className="break-all" data-testid="my-data-email">
            {account.email} · {account.emailVerifiedAt ? t("verified", { at: when(account.emailVerifiedAt) }) : t("unverified")}
          </dd>
          <dt className="font-medium text-slate-600">{t("name")}</dt>
          <dd>{account.displayName ?? "—"}</dd>
          <dt className="font-medium text-slate-600">{t("since")}</dt>
          <dd>{when(account.createdAt)}</dd>
        </dl>
        <h3 className="mt-4 font-medium text-slate-900">{t("identitiesTitle")}</h3>
        {identities.length === 0 ? (
          <p className="text-slate-700">{t("noIdentities")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {identities.map((i) => (
              <li key={i.id} className="py-2" data-testid="my-identity">
                {i.legalName} · {e(`IdDocumentType.${i.idDocumentType}`)} <span className="font-mono">{i.idDocumentNumberMasked}</span> ·{" "}
                {i.verifiedAt ? t("identityVerified", { at: when(i.verifiedAt) }) : t("identityUnverified")}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("acceptancesTitle")} id="acceptances">
        <p className="mb-3 text-slate-700">{t("acceptancesIntro")}</p>
        {acceptances.length === 0 ? (
          <p className="text-slate-700">{t("noAcceptances")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {acceptances.map((a) => (
              <li key={a.acceptanceId} className="space-y-1 py-3" data-testid="my-acceptance" data-acceptance-id={a.acceptanceId}>
                <p className="font-medium text-slate-900">
                  {t("acceptance", { version: a.agreementVersion, at: when(a.acceptedAt) })} · {e(`AcceptanceContext.${a.context}`)} · {e(`AcceptanceMethod.${a.method}`)}
                  {a.organisationName ? ` · ${t("forOrganisation", { name: a.organisationName })}` : ""}
                  {a.supersededAt ? ` · ${t("superseded", { at: when(a.supersededAt) })}` : ""}
                </p>
                <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  {/* The same receipt as a page to read and print (issue 15 item 5). */}
                  <li>
                    <Link href={`/my-data/acceptances/${a.acceptanceId}/view`} className={buttonClass.link} data-testid="acceptance-readable">
                      {rp("openReadable")}
                    </Link>
                  </li>
                  {RECEIPT_FILES.map((f) => (
                    <li key={f}>
                      <a href={`/my-data/acceptances/${a.acceptanceId}/${f}`} className={buttonClass.link} download data-testid={`acceptance-file-${f}`}>
                        {label[f]}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {acceptances.length > 0 ? (
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer font-medium text-slate-800">{r("verifyTitle")}</summary>
            <p className="mt-2 text-slate-700">{r("verifyIntro")}</p>
            <pre className="mt-2 whitespace-pre-wrap break-all rounded bg-slate-100 p-3 font-mono text-xs text-slate-900">
              <code>{`${example.cms}\n${example.ts}`}</code>
            </pre>
          </details>
        ) : null}
      </Card>

      <Card title={t("requestsTitle")} id="requests">
        {requests.length === 0 ? (
          <p className="text-slate-700">{t("noRequests")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {requests.map((q) => (
              <li key={q.id} className="py-2" data-testid="my-privacy-request" data-status={q.status}>
                {e(`PrivacyRequestKind.${q.kind}`)} · {e(`PrivacyRequestStatus.${q.status}`)} · {t("requestedAt", { at: when(q.requestedAt) })}
                {q.completedAt ? ` · ${t("completedAt", { at: when(q.completedAt) })}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
