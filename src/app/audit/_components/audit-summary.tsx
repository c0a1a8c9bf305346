import { getTranslations } from "next-intl/server";
import { formatDateTime, formatYuan } from "@/i18n/format";
import { messagesFor } from "@/i18n/messages";
import { summaryValueLabel, type AuditEventContext } from "./audit-summary-enums";
import { humaniseKey, inheritedKind, summaryValueKind, type SummaryValueKind } from "./audit-summary-kinds";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const MAX_DEPTH = 3;
const MAX_ITEMS = 20;

/**
 * An audit event's summary as labelled lines instead of a JSON blob: fields get their name
 * (console.audit.fields, then auditFields in labels.*.json), enum values the label of the enum their
 * field holds (summaryFieldEnum), and every other value is shown by its kind (audit-summary-kinds.ts:
 * Beijing time, yuan, <code> for identifiers and digests). A field nobody named is shown
 * humanised in <code>, never dropped.
 */
export async function AuditSummary({ summary, locale, event }: { summary: unknown; locale: string; event: AuditEventContext }) {
  const [t, l] = await Promise.all([getTranslations("console.audit"), getTranslations("auditFields")]);
  const enums = (messagesFor(locale === "en" ? "en" : "zh-CN").enums ?? {}) as Record<string, Record<string, string>>;
  const field = (k: string, inherited: SummaryValueKind | null): React.ReactNode => {
    // Keys of an amounts map are codes (profile codes), not field names.
    if (inherited === "cents") return <code className="break-all">{k}</code>;
    if (t.has(`fields.${k}`)) return t(`fields.${k}`);
    if (l.has(k)) return l(k);
    return <code className="break-all" data-unlabelled="">{humaniseKey(k)}</code>;
  };

  // `key` is the field holding the value (an array's items share their field's key); `inherited`
  // the kind a parent imposes on nested values (amounts in a `fees` map).
  const value = (v: Json, depth: number, key: string | null, inherited: SummaryValueKind | null): React.ReactNode => {
    if (v === null) return "—";
    if (typeof v === "boolean") return v ? t("yes") : t("no");
    if (typeof v === "string") {
      const label = summaryValueLabel(enums, event, key, v);
      if (label !== null) return <span data-value={v}>{label}</span>;
    }
    if (typeof v === "string" || typeof v === "number") {
      switch (summaryValueKind(key, v, inherited)) {
        case "time":
          return formatDateTime(String(v), locale, { seconds: true, zone: false });
        case "cents":
          return <span data-cents={v}>{formatYuan(Number(v), locale)}</span>;
        case "code":
          return <code className="font-mono break-all" data-value={v}>{v}</code>;
        default:
          return <span className="break-all">{String(v)}</span>;
      }
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return "—";
      if (v.every((x) => x === null || typeof x !== "object")) {
        return v.slice(0, MAX_ITEMS).map((x, i) => (
          <span key={i}>
            {i > 0 ? ", " : null}
            {value(x, depth, key, inherited)}
          </span>
        ));
      }
      return (
        <ol className="list-decimal pl-5">
          {v.slice(0, MAX_ITEMS).map((x, i) => <li key={i}>{value(x, depth + 1, key, inherited)}</li>)}
          {v.length > MAX_ITEMS ? <li className="list-none">{t("more", { count: v.length - MAX_ITEMS })}</li> : null}
        </ol>
      );
    }
    if (depth >= MAX_DEPTH) return t("nested", { count: Object.keys(v).length });
    return fields(v, depth + 1, inherited ?? inheritedKind(key));
  };

  const fields = (o: { [key: string]: Json }, depth: number, inherited: SummaryValueKind | null) => {
    const entries = Object.entries(o);
    if (entries.length === 0) return <span>—</span>;
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-2">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600" data-field={k}>{field(k, inherited)}</dt>
            <dd className="min-w-0">{value(v, depth, k, inherited)}</dd>
          </div>
        ))}
      </dl>
    );
  };

  const root = summary as Json;
  return (
    <div className="text-xs" data-testid="audit-summary">
      {root !== null && typeof root === "object" && !Array.isArray(root) ? fields(root, 0, null) : value(root, 0, null, null)}
    </div>
  );
}
