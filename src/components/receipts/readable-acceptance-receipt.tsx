import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { PrintButton } from "./print-button";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { receiptBaseName, receiptVerifyCommands, RECEIPT_FILES } from "@/server/ca-service/signed-receipt";
import type { AcceptanceReceiptView } from "@/server/certificate/get-acceptance-receipt-view";

/**
 * The agreement acceptance receipt in words (issue 15 item 5), on the certificate's page and in
 * "my data": which version was accepted, by whom (for which organisation), when in Beijing time,
 * how and for what, the agreement text's hash and the receipt's, and how to check the files.
 */
export async function ReadableAcceptanceReceipt({ view, locale, filesHref }: { view: AcceptanceReceiptView; locale: string; filesHref: string }) {
  const [t, e, f] = await Promise.all([getTranslations("receiptPage"), getTranslations("enums"), getTranslations("certificatePage.signedReceipts")]);
  const a = view.document.acceptance;
  const when = (iso: string) => formatDateTime(iso, locale, { seconds: true });
  const base = receiptBaseName("acceptance", a.id);
  const commands = receiptVerifyCommands(base);
  const fileLabel = { "receipt.p7s": f("p7s"), "receipt.tsr": f("tsr"), "receipt.json": f("json"), "chain.pem": f("chain") } as const;
  return (
    <article className="space-y-6" data-testid="readable-receipt" data-kind="acceptance">
      <PageTitle intro={t("intro")}>{t("acceptance.heading", { version: a.agreementVersion })}</PageTitle>
      <p className="print:hidden">
        <PrintButton label={t("print")} className={buttonClass.secondary} />
      </p>
      <Card title={t("acceptance.title")} id="receipt-acceptance">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
          <Row label={t("acceptance.version")} testId="receipt-agreement-version">{t("acceptance.versionValue", { version: a.agreementVersion, at: when(a.agreementEffectiveAt) })}</Row>
          <Row label={t("acceptance.acceptedBy")} testId="receipt-accepted-by">{a.acceptedBy.displayName || a.acceptedBy.email || t("acceptance.someone")}</Row>
          {a.onBehalfOfOrganisation ? (
            <Row label={t("acceptance.organisation")}>
              {a.onBehalfOfOrganisation.name} <code className="font-mono text-sm">{a.onBehalfOfOrganisation.unifiedSocialCreditCode}</code>
            </Row>
          ) : null}
          <Row label={t("acceptance.acceptedAt")} testId="receipt-accepted-at">{when(a.acceptedAt)}</Row>
          <Row label={t("acceptance.method")}>{e(`AcceptanceMethod.${a.method}`)}</Row>
          <Row label={t("acceptance.context")}>{e(`AcceptanceContext.${a.context}`)}</Row>
          {a.supersededAt ? <Row label={t("acceptance.superseded")}>{when(a.supersededAt)}</Row> : null}
          <Row label={t("acceptance.contentHash")}>
            <code className="break-all font-mono text-xs">{a.contentHash}</code>
          </Row>
        </dl>
      </Card>
      <Card title={t("verifyTitle")} id="receipt-verify">
        <p className="mb-3 text-slate-700">{t("verifyIntro")}</p>
        <p className="mb-1 font-medium text-slate-800">{t("hashLabel")}</p>
        <pre className="mb-3 whitespace-pre-wrap break-all rounded bg-slate-100 p-3 font-mono text-xs text-slate-900" data-testid="receipt-sha256">
          <code>{view.sha256}</code>
        </pre>
        <p className="mb-3 text-slate-700">{t("hashHow", { file: `${base}.json` })}</p>
        <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-sm print:hidden">
          {RECEIPT_FILES.map((file) => (
            <li key={file}>
              <a href={`${filesHref}/${file}`} className={buttonClass.link} download>
                {fileLabel[file]}
              </a>
            </li>
          ))}
        </ul>
        <p className="mb-2 text-slate-700">{f("verifyIntro")}</p>
        <pre className="whitespace-pre-wrap break-all rounded bg-slate-100 p-3 font-mono text-xs text-slate-900">
          <code>{`${commands.cms}\n${commands.ts}`}</code>
        </pre>
        <p className="mt-3 text-sm text-slate-700">{t("readableNote")}</p>
      </Card>
    </article>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="break-words text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}
