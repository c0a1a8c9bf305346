import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import type { listDisclosures, listPrivacyRequests, listProcessors, readRetentionPolicy } from "@/server/privacy";

// The privacy register as both consoles show it: the administrator's page (/admin/privacy) adds
// its forms around these, the auditor's (/audit/privacy) shows them as they are.

export type ProcessorRow = Awaited<ReturnType<typeof listProcessors>>[number];
type DisclosureRow = Awaited<ReturnType<typeof listDisclosures>>[number];
type RequestRow = Awaited<ReturnType<typeof listPrivacyRequests>>[number];
type Retention = Awaited<ReturnType<typeof readRetentionPolicy>>;

export const REQUEST_KINDS = ["EXPORT", "DELETION"] as const;
export const REQUEST_STATUSES = ["RECEIVED", "IN_PROGRESS", "COMPLETED", "REJECTED"] as const;
/** A filter value from the query string, or nothing when it is not one of the known values. */
export const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined => (values as readonly string[]).includes(v ?? "") ? (v as T) : undefined;

export async function RetentionFacts({ policy }: { policy: Retention }) {
  const t = await getTranslations("privacyRegister.retention");
  return (
    <div className="space-y-1 text-sm" data-testid="retention-policy" data-years={policy.certificateYearsAfterExpiry} data-days={policy.signInAttemptDays}>
      <p className="font-medium">{t("current", { years: policy.certificateYearsAfterExpiry, days: policy.signInAttemptDays })}</p>
      <p className="text-slate-700">{t("legal", { min: policy.legalMinimumYears })}</p>
    </div>
  );
}

/** The processor register; `actions` adds a last column (the administrator's edit and deactivate forms). */
export async function ProcessorTable({ processors, actions }: { processors: ProcessorRow[]; actions?: (p: ProcessorRow) => ReactNode }) {
  const [t, r] = await Promise.all([getTranslations("console.privacy"), getTranslations("privacyRegister.processor")]);
  if (processors.length === 0) return <p className="text-sm">{t("noProcessors")}</p>;
  return (
    <ScrollTable label={t("processorsLabel")}>
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 pr-3">{t("pName")}</th>
            <th scope="col" className="py-1 pr-3">{t("pPurpose")}</th>
            <th scope="col" className="py-1 pr-3">{t("pCategoriesShort")}</th>
            <th scope="col" className="py-1 pr-3">{t("pWhere")}</th>
            <th scope="col" className="py-1 pr-3">{t("pState")}</th>
            {actions ? <th scope="col" className="py-1">{r("actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {processors.map((p) => (
            <tr key={p.id} className="border-b border-slate-100 align-top" data-testid="processor" data-name={p.name} data-active={String(p.active)}>
              <td className="py-1 pr-3 break-words">{p.name}</td>
              <td className="py-1 pr-3 break-words">{p.purpose}</td>
              <td className="py-1 pr-3">{p.dataCategories.join("、")}</td>
              <td className="py-1 pr-3 break-words">{[p.location, p.contact].filter(Boolean).join(" · ") || "—"}</td>
              <td className="py-1 pr-3" data-testid="processor-state">{p.active ? t("active") : t("inactive")} · {t("disclosureCount", { count: p.disclosures })}</td>
              {actions ? <td className="py-1">{actions(p)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export async function DisclosureTable({ disclosures }: { disclosures: DisclosureRow[] }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.privacy")]);
  if (disclosures.length === 0) return <p className="text-sm">{t("noDisclosures")}</p>;
  return (
    <ScrollTable label={t("disclosuresLabel")}>
      <table className="w-full min-w-[44rem] text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 pr-3">{t("dWhen")}</th>
            <th scope="col" className="py-1 pr-3">{t("dTo")}</th>
            <th scope="col" className="py-1 pr-3">{t("dWhat")}</th>
            <th scope="col" className="py-1 pr-3">{t("dWhy")}</th>
            <th scope="col" className="py-1 pr-3">{t("dWhose")}</th>
            <th scope="col" className="py-1">{t("dBy")}</th>
          </tr>
        </thead>
        <tbody>
          {disclosures.map((d) => (
            <tr key={d.id} className="border-b border-slate-100 align-top" data-testid="disclosure" data-processor={d.processor.name}>
              <td className="py-1 pr-3">{formatDateTime(d.at, locale)}</td>
              <td className="py-1 pr-3 break-words">{d.processor.name}</td>
              <td className="py-1 pr-3 break-words">{d.what}</td>
              <td className="py-1 pr-3 break-words">{d.why}</td>
              <td className="py-1 pr-3 break-all">{d.subject ? ("email" in d.subject ? d.subject.email : t("requesterErased")) : t("bulk")}</td>
              <td className="py-1 break-all">{d.recordedBy?.email ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/**
 * Every privacy request (exports and deletions), newest first, with a filter by kind and status
 * sent as a plain GET form to `action` (the page reads it back from the query string).
 */
export async function RequestTable({ requests, action, kind, status }: { requests: RequestRow[]; action: string; kind?: string; status?: string }) {
  const [locale, t, p, e] = await Promise.all([getLocale(), getTranslations("privacyRegister.requests"), getTranslations("console.privacy"), getTranslations("enums")]);
  return (
    <Card title={t("title", { count: requests.length })}>
      <form method="get" action={action} className="mb-3 flex flex-wrap items-end gap-2" data-testid="request-filter">
        <label className="text-sm">
          <span className="block font-medium">{t("kind")}</span>
          <select name="kind" defaultValue={kind ?? ""} className={inputClass}>
            <option value="">{t("allKinds")}</option>
            {REQUEST_KINDS.map((k) => <option key={k} value={k}>{e(`PrivacyRequestKind.${k}`)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("status")}</span>
          <select name="status" defaultValue={status ?? ""} className={inputClass}>
            <option value="">{t("allStatuses")}</option>
            {REQUEST_STATUSES.map((s) => <option key={s} value={s}>{e(`PrivacyRequestStatus.${s}`)}</option>)}
          </select>
        </label>
        <button type="submit" className={buttonClass.secondary}>{t("filter")}</button>
      </form>
      {requests.length === 0 ? <p className="text-sm">{t("none")}</p> : (
        <ScrollTable label={t("label")}>
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-3">{t("requestedAt")}</th>
                <th scope="col" className="py-1 pr-3">{t("kind")}</th>
                <th scope="col" className="py-1 pr-3">{t("requester")}</th>
                <th scope="col" className="py-1 pr-3">{t("status")}</th>
                <th scope="col" className="py-1">{t("completedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="privacy-request" data-kind={r.kind} data-status={r.status} data-requester={r.requester ?? ""}>
                  <td className="py-1 pr-3">{formatDateTime(r.requestedAt, locale)}</td>
                  <td className="py-1 pr-3">{e(`PrivacyRequestKind.${r.kind}`)}</td>
                  <td className="py-1 pr-3 break-all">{r.requester ?? p("requesterErased")}</td>
                  <td className="py-1 pr-3">{e(`PrivacyRequestStatus.${r.status}`)}</td>
                  <td className="py-1">{r.completedAt ? formatDateTime(r.completedAt, locale) : t("notCompleted")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </Card>
  );
}
