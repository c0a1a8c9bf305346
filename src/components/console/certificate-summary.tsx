import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/i18n/format";

type Cert = {
  serialHex: string;
  subjectDn: string;
  status: string;
  notBefore: Date;
  notAfter: Date;
  deliveryMethod: string | null;
  deliveredAt: Date | null;
  receiptAt: Date | null;
  mailTrackingNo: string | null;
  testWindowDeadline: Date | null;
  subscriberUser: { email: string; displayName: string | null } | null;
  subscriberOrganisation: { name: string } | null;
};

/** The facts of a certificate an officer needs beside an objection or a delivery. */
export async function CertificateSummary({ cert, locale }: { cert: Cert; locale: string }) {
  const t = await getTranslations("console.cert");
  const when = (d: Date | null) => (d ? formatDateTime(d, locale) : "—");
  const rows: Array<[string, string]> = [
    [t("subject"), cert.subjectDn],
    [t("serial"), cert.serialHex],
    [t("status"), cert.status],
    [t("subscriber"), cert.subscriberOrganisation?.name ?? cert.subscriberUser?.email ?? "—"],
    [t("validity"), `${when(cert.notBefore)} – ${when(cert.notAfter)}`],
    [t("delivery"), `${cert.deliveryMethod ?? "—"}${cert.mailTrackingNo ? ` · ${cert.mailTrackingNo}` : ""}`],
    [t("deliveredAt"), when(cert.receiptAt)],
    [t("testWindow"), when(cert.testWindowDeadline)],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="certificate-summary">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium">{k}</dt>
          <dd className="break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
