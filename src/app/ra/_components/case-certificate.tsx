import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/i18n/format";

export type CaseCertificateFacts = {
  serialHex: string;
  subjectDn: string;
  status: string;
  notBefore: Date;
  notAfter: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
  deliveryMethod: string | null;
  deliveredAt: Date | null;
  receiptAt: Date | null;
  mailTrackingNo: string | null;
  testWindowDeadline: Date | null;
  testWindowProvisional: boolean;
  acceptanceKind: string | null;
  acceptedAt: Date | null;
  /** The state the domain derives from the times (src/domain/certificate), shown instead of the coarse stored status. */
  derived: { status: string; awaiting: string | null };
  profile: { code: string; nameZh: string; nameEn: string };
  subscriberUser: { email: string; displayName: string | null } | null;
  subscriberOrganisation: { name: string } | null;
};

/**
 * The certificate an objection or a delivery is about, in words: status, profile and delivery
 * method by their labels, the times that decide the test window (clauses 1.7 and 1.8). The raw
 * values ride along as data attributes for tests and scripts.
 */
export async function CaseCertificate({ cert, locale }: { cert: CaseCertificateFacts; locale: string }) {
  const [t, e, cs] = await Promise.all([getTranslations("console.caseCert"), getTranslations("enums"), getTranslations("certificateState")]);
  const when = (d: Date | null) => (d ? formatDateTime(d, locale) : "—");
  const subscriber = cert.subscriberOrganisation
    ? `${cert.subscriberOrganisation.name}${cert.subscriberUser ? ` · ${cert.subscriberUser.email}` : ""}`
    : cert.subscriberUser
      ? `${cert.subscriberUser.displayName ? `${cert.subscriberUser.displayName} · ` : ""}${cert.subscriberUser.email}`
      : "—";
  const rows: Array<[string, string, Record<string, string>?]> = [
    [
      t("status"),
      `${cs(cert.derived.status)}${cert.derived.awaiting ? ` · ${t(`awaiting.${cert.derived.awaiting}`)}` : ""}${cert.revokedAt ? ` · ${when(cert.revokedAt)}` : ""}${cert.revocationReason ? ` · ${e(`RevocationReason.${cert.revocationReason}`)}` : ""}`,
      { "data-status": cert.status, "data-derived": cert.derived.status },
    ],
    [t("profile"), locale === "en" ? cert.profile.nameEn : cert.profile.nameZh, { "data-profile": cert.profile.code }],
    [t("subject"), cert.subjectDn],
    [t("serial"), cert.serialHex],
    [t("subscriber"), subscriber],
    [t("validity"), `${when(cert.notBefore)} – ${when(cert.notAfter)}`],
    [t("delivery"), `${cert.deliveryMethod ? e(`DeliveryMethod.${cert.deliveryMethod}`) : t("notYet")}${cert.mailTrackingNo ? ` · ${t("tracking", { no: cert.mailTrackingNo })}` : ""}`, { "data-delivery-method": cert.deliveryMethod ?? "" }],
    [t("receipt"), cert.receiptAt ? when(cert.receiptAt) : t("notYet"), { "data-testid": "case-receipt" }],
    [
      t("testWindow"),
      cert.testWindowDeadline ? `${when(cert.testWindowDeadline)}${cert.testWindowProvisional ? ` · ${t("provisional")}` : ""}` : "—",
      { "data-testid": "case-test-window", "data-provisional": String(cert.testWindowProvisional) },
    ],
    [t("acceptance"), cert.acceptanceKind ? `${e(`AcceptanceKind.${cert.acceptanceKind}`)} · ${when(cert.acceptedAt)}` : t("notAccepted")],
  ];
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" data-testid="case-certificate">
      {rows.map(([k, v, attrs]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-600">{k}</dt>
          <dd className="break-all" {...attrs}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
