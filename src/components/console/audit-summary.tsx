import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/i18n/format";
import { messagesFor } from "@/i18n/messages";
import type { AppLocale } from "@/i18n/locales";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;
const ENUM_LIKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const MAX_DEPTH = 3;
const MAX_ITEMS = 20;

/**
 * An enum value's label, found by value alone: the summary does not say which enum a value
 * belongs to, and where two enums share a value (ISSUED, REJECTED) their labels agree.
 */
function enumLabels(locale: AppLocale): Map<string, string> {
  const enums = (messagesFor(locale).enums ?? {}) as Record<string, Record<string, string>>;
  const out = new Map<string, string>();
  for (const values of Object.values(enums)) for (const [value, label] of Object.entries(values)) if (!out.has(value)) out.set(value, label);
  return out;
}

/**
 * An audit event's summary as labelled lines instead of a JSON blob: well-known fields get a
 * name, enum values their label, times are shown in Beijing time, nested objects indented.
 * Field names nobody labelled stay as they are (like action names, they are technical terms).
 */
export async function AuditSummary({ summary, locale }: { summary: unknown; locale: string }) {
  const t = await getTranslations("console.audit");
  const labels = enumLabels(locale === "en" ? "en" : "zh-CN");
  const field = (k: string) => (t.has(`fields.${k}`) ? t(`fields.${k}`) : k);

  const value = (v: Json, depth: number): React.ReactNode => {
    if (v === null) return "—";
    if (typeof v === "boolean") return v ? t("yes") : t("no");
    if (typeof v === "number") return String(v);
    if (typeof v === "string") {
      if (ISO_TIME.test(v)) return formatDateTime(v, locale, { seconds: true, zone: false });
      if (ENUM_LIKE.test(v) && labels.has(v)) return <span data-value={v}>{labels.get(v)}</span>;
      return <span className="break-all">{v}</span>;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return "—";
      if (v.every((x) => x === null || typeof x !== "object")) {
        return v.slice(0, MAX_ITEMS).map((x, i) => (
          <span key={i}>
            {i > 0 ? ", " : null}
            {value(x, depth)}
          </span>
        ));
      }
      return (
        <ol className="list-decimal pl-5">
          {v.slice(0, MAX_ITEMS).map((x, i) => <li key={i}>{value(x, depth + 1)}</li>)}
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
            <dd className="min-w-0">{value(v, depth)}</dd>
          </div>
        ))}
      </dl>
    );
  };

  const root = summary as Json;
  return (
    <div className="text-xs" data-testid="audit-summary">
      {root !== null && typeof root === "object" && !Array.isArray(root) ? fields(root, 0) : value(root, 0)}
    </div>
  );
}
