import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/receipts/print-button";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { receiptBaseName, receiptVerifyCommands, RECEIPT_FILES } from "@/server/ca-service/signed-receipt";
import type { RevocationReceiptView } from "@/server/revocation/get-revocation-receipt-view";

/**
 * The revocation receipt in words: who asked, for what, when (Beijing time), why (the reason's
 * label), which certificate, and how to check the signed files, whose JSON has the hash shown.
 * Serials, names in X.500 form, the hash and the commands are machine text, in <code>.
 */
export async function ReadableRevocationReceipt({ view, locale, filesHref }: { view: RevocationReceiptView; locale: string; filesHref: string }) {
  const [t, e, f] = await Promise.all([getTranslations("receiptPage"), getTranslations("enums"), getTranslations("certificatePage.signedReceipts")]);
  const { request: r, certificate: c, revocation: v } = view.body;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale, { seconds: true }) : t("notYet"));
  const base = receiptBaseName("revocation", r.id);
  const commands = receiptVerifyCommands(base);
  const kind = e(`RevocationRequestKind.${r.kind}`);
  const fileLabel = { "receipt.p7s": f("p7s"), "receipt.tsr": f("tsr"), "receipt.json": f("json"), "chain.pem": f("chain") } as const;
  return (
    <article className="space-y-6" data-testid="readable-receipt" data-kind={r.kind}>
      <PageTitle intro={t("intro")}>{t("heading", { kind })}</PageTitle>
      <p className="print:hidden">
        <PrintButton label={t("print")} className={buttonClass.secondary} />
      </p>
      <Card title={t("requestTitle")} id="receipt-request">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
          <Row label={t("kind")} testId="receipt-kind">{kind}</Row>
          <Row label={t("status")} testId="receipt-status">{e(`RevocationRequestStatus.${r.status}`)}</Row>
          <Row label={t("requester")} testId="receipt-requester">
            {r.kind === "CA_INITIATED" || !r.requestedById ? t("byCa") : (view.requesterName ?? t("requesterUnnamed"))}
            {view.organisationName ? ` ${t("forOrganisation", { name: view.organisationName })}` : null}
          </Row>
          <Row label={t("reason")} testId="receipt-reason">{e(`RevocationReason.${r.reason}`)}</Row>
          {r.caGround ? <Row label={t("caGround")}>{e(`CaRevocationGround.${r.caGround}`)}</Row> : null}
          {r.confirmationMethod ? <Row label={t("confirmedBy")}>{e(`RevocationConfirmationMethod.${r.confirmationMethod}`)}</Row> : null}
          <Row label={t("receivedAt")} testId="receipt-received-at">{when(r.times.receivedAt)}</Row>
          <Row label={t("compliantAt")}>{when(r.times.compliantAt)}</Row>
          <Row label={t("dueAt")}>{r.times.dueAt ? when(r.times.dueAt) : t("noDeadline")}</Row>
          <Row label={t("doneAt")}>{when(r.times.doneAt)}</Row>
          {r.sla ? <Row label={t("deadline")}>{t(`sla.${r.sla}`)}</Row> : null}
          {r.rejectedReason ? <Row label={t("rejectedReason")}>{r.rejectedReason}</Row> : null}
        </dl>
      </Card>
      <Card title={t("certificateTitle")} id="receipt-certificate">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
          <Row label={t("serial")} testId="receipt-serial"><code className="break-all font-mono text-sm">{c.serialHex}</code></Row>
          <Row label={t("subject")}><code className="break-all font-mono text-sm">{c.subjectDn}</code></Row>
          <Row label={t("issuer")}><code className="break-all font-mono text-sm">{c.issuerDn}</code></Row>
          <Row label={t("validity")}>{t("validityRange", { from: when(c.notBefore), to: when(c.notAfter) })}</Row>
          {c.holdAt ? <Row label={t("holdAt")}>{when(c.holdAt)}</Row> : null}
        </dl>
      </Card>
      <Card title={t("revocationTitle")} id="receipt-revocation">
        {v ? (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
            <Row label={t("revokedAt")} testId="receipt-revoked-at">{when(v.revokedAt)}</Row>
            <Row label={t("revocationReason")} testId="receipt-revocation-reason">{e(`RevocationReason.${v.reason}`)}</Row>
            {v.invalidityDate ? <Row label={t("invalidityDate")}>{when(v.invalidityDate)}</Row> : null}
            <Row label={t("byThisRequest")}>{v.byThisRequest ? t("yes") : t("no")}</Row>
          </dl>
        ) : (
          <p className="text-slate-700">{t("notRevoked")}</p>
        )}
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
