import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/i18n/format";
import { messagesFor } from "@/i18n/messages";
import { summaryValueLabel, type AuditEventContext } from "./audit-summary-enums";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;
const ENUM_LIKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const MAX_DEPTH = 3;
const MAX_ITEMS = 20;

/**
 * An audit event's summary as labelled lines instead of a JSON blob: well-known fields get a
 * name, enum values the label of the enum their field holds (summaryFieldEnum), times are shown in Beijing time, nested objects indented.
 * Field names nobody labelled stay as they are (like action names, they are technical terms).
 */
export async function AuditSummary({ summary, locale, event }: { summary: unknown; locale: string; event: AuditEventContext }) {
  const t = await getTranslations("console.audit");
  const enums = (messagesFor(locale === "en" ? "en" : "zh-CN").enums ?? {}) as Record<string, Record<string, string>>;
  const field = (k: string) => (t.has(`fields.${k}`) ? t(`fields.${k}`) : k);

  // `key` is the field holding the value (an array's items share their field's key).
  const value = (v: Json, depth: number, key: string | null): React.ReactNode => {
    if (v === null) return "—";
    if (typeof v === "boolean") return v ? t("yes") : t("no");
    if (typeof v === "number") return String(v);
    if (typeof v === "string") {
      if (ISO_TIME.test(v)) return formatDateTime(v, locale, { seconds: true, zone: false });
      const label = summaryValueLabel(enums, event, key, v);
      if (label !== null) return <span data-value={v}>{label}</span>;
      if (ENUM_LIKE.test(v)) return <code className="font-mono break-all" data-value={v}>{v}</code>;
      return <span className="break-all">{v}</span>;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return "—";
      if (v.every((x) => x === null || typeof x !== "object")) {
        return v.slice(0, MAX_ITEMS).map((x, i) => (
          <span key={i}>
            {i > 0 ? ", " : null}
            {value(x, depth, key)}
          </span>
        ));
      }
      return (
        <ol className="list-decimal pl-5">
          {v.slice(0, MAX_ITEMS).map((x, i) => <li key={i}>{value(x, depth + 1, key)}</li>)}
          {v.length > MAX_ITEMS ? <li className="list-none">{t("more", { count: v.length - MAX_ITEMS })}</li> : null}
        </ol>
      );
    }
    if (depth >= MAX_DEPTH) return t("nested", { count: Object.keys(v).length });
    return fields(v, depth + 1);
  };

  const fields = (o: { [key: string]: Json }, depth: number) => {
    const entries = Object.entries(o);
    if (entries.length === 0) return <span>—</span>;
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-2">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600" data-field={k}>{field(k)}</dt>
            <dd className="min-w-0">{value(v, depth, k)}</dd>
          </div>
        ))}
      </dl>
    );
  };

  const root = summary as Json;
  return (
    <div className="text-xs" data-testid="audit-summary">
      {root !== null && typeof root === "object" && !Array.isArray(root) ? fields(root, 0) : value(root, 0, null)}
    </div>
  );
}
