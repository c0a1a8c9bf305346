import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { receiptBaseName, receiptVerifyCommands, RECEIPT_FILES, type ReceiptFileName } from "@/server/ca-service/signed-receipt";

interface ReceiptEntry {
  /** Where the files are served: `<href>/receipt.p7s` and so on. */
  href: string;
  base: string;
  heading: string;
  kind: string;
  /** The JSON wrapper of a revocation receipt (one file with base64 parts), kept as a convenience. */
  wrapperHref?: string;
  /** The same receipt as a page to read and print (issue 15 item 5), beside the files. */
  readableHref?: string;
}

/**
 * The certificate's receipts as files a third party checks with openssl alone (issue 13 item 7):
 * the agreement acceptance its application rested on, and each loss report, revocation request or
 * release request. For each: the CA-signed .p7s, the RFC 3161 .tsr over the same JSON, the JSON,
 * the published chain, and the two commands (the strings the integration test runs).
 */
export async function SignedReceipts({
  certificateId,
  acceptance,
  requests,
  when,
}: {
  certificateId: string;
  acceptance: { acceptanceId: string; agreementVersion: number; acceptedAt: Date } | null;
  requests: { id: string; kind: string; times: { receivedAt: string; dueAt: string | null; doneAt: string | null } }[];
  when: (d: Date) => string;
}) {
  const [t, e, rp] = await Promise.all([getTranslations("certificatePage.signedReceipts"), getTranslations("enums"), getTranslations("receiptPage")]);
  const entries: ReceiptEntry[] = [];
  if (acceptance) {
    entries.push({
      href: `/certificates/${certificateId}/acceptance-receipt`,
      base: receiptBaseName("acceptance", acceptance.acceptanceId),
      heading: t("acceptance", { version: acceptance.agreementVersion, at: when(acceptance.acceptedAt) }),
      kind: "acceptance",
      readableHref: `/certificates/${certificateId}/acceptance-receipt/view`,
    });
  }
  for (const r of requests) {
    entries.push({
      href: `/certificates/${certificateId}/receipt/${r.id}`,
      base: receiptBaseName("revocation", r.id),
      heading: [
        t("request", { kind: e(`RevocationRequestKind.${r.kind}`), at: when(new Date(r.times.receivedAt)) }),
        r.times.dueAt ? t("due", { at: when(new Date(r.times.dueAt)) }) : null,
        r.times.doneAt ? t("done", { at: when(new Date(r.times.doneAt)) }) : null,
      ]
        .filter(Boolean)
        .join(" · "),
      kind: r.kind,
      wrapperHref: `/certificates/${certificateId}/receipt/${r.id}`,
      readableHref: `/certificates/${certificateId}/receipt/${r.id}/view`,
    });
  }
  const label: Record<ReceiptFileName, string> = { "receipt.p7s": t("p7s"), "receipt.tsr": t("tsr"), "receipt.json": t("json"), "chain.pem": t("chain") };
  return (
    <Card title={t("title")} id="receipts">
      <p className="mb-3 text-slate-700">{t("intro")}</p>
      {acceptance ? null : <p className="mb-3 text-slate-700">{t("noAcceptance")}</p>}
      {entries.length === 0 ? null : (
        <ul className="divide-y divide-slate-100">
          {entries.map((r) => {
            const commands = receiptVerifyCommands(r.base);
            return (
              <li key={r.base} className="space-y-2 py-3" data-testid="signed-receipt" data-kind={r.kind}>
                <p className="font-medium text-slate-900">{r.heading}</p>
                {r.readableHref ? (
                  <p>
                    <Link href={r.readableHref} className={buttonClass.link} data-testid="receipt-readable">
                      {rp("openReadable")}
                    </Link>
                  </p>
                ) : null}
                <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  {RECEIPT_FILES.map((f) => (
                    <li key={f}>
                      <a href={`${r.href}/${f}`} className={buttonClass.link} download data-testid={`receipt-file-${f}`}>
                        {label[f]}
                      </a>
                    </li>
                  ))}
                  {r.wrapperHref ? (
                    <li>
                      <a href={r.wrapperHref} className={buttonClass.link} download>
                        {t("wrapper")}
                      </a>
                    </li>
                  ) : null}
                </ul>
                <details className="text-sm">
                  <summary className="cursor-pointer font-medium text-slate-800">{t("verifyTitle")}</summary>
                  <p className="mt-2 text-slate-700">{t("verifyIntro")}</p>
                  <pre className="mt-2 whitespace-pre-wrap break-all rounded bg-slate-100 p-3 font-mono text-xs text-slate-900" data-testid="receipt-commands">
                    <code>{`${commands.cms}\n${commands.ts}`}</code>
                  </pre>
                </details>
              </li>
            );
          })}
        </ul>
      )}
      {entries.length === 0 ? <p className="text-slate-700">{t("none")}</p> : null}
      <p className="mt-3 text-sm text-slate-700">
        {t.rich("chainNote", {
          repository: (chunks) => (
            <Link href="/repository" className={buttonClass.link}>
              {chunks}
            </Link>
          ),
        })}
      </p>
    </Card>
  );
}
