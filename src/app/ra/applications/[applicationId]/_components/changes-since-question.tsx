import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { nothingChanged, type ChangesSinceQuestion as Changes } from "@/domain/application";
import { formatDateTime } from "@/i18n/format";

/**
 * For the officer: the latest "more information" round and what the applicant changed after it
 * (getApplication's sinceQuestion, worked out by the domain's changesSinceQuestion from stored
 * facts: the details saved with the question, documents' createdAt, withdrawn documents' withdrawnAt).
 */
export async function ChangesSinceQuestion({
  round,
  changes,
}: {
  round: { question: string; askedAt: Date; answer: string | null; answeredAt: Date | null };
  changes: Changes;
}) {
  const [t, d, e, u, locale] = await Promise.all([
    getTranslations("console.review.sinceQuestion"),
    getTranslations("console.review.details"),
    getTranslations("enums"),
    getTranslations("usageScopeKind"),
    getLocale(),
  ]);
  const value = (v: unknown): string => {
    if (v === undefined || v === null || v === "") return t("empty");
    if (typeof v === "object") {
      const scope = v as { kind?: string; name?: string };
      return `${scope.kind && u.has(scope.kind) ? u(scope.kind) : (scope.kind ?? "")}: ${scope.name ?? ""}`;
    }
    return String(v);
  };
  const docLine = (doc: { kind: string; fileName: string }) => `${e(`DocumentKind.${doc.kind}` as "DocumentKind.OTHER")} · ${doc.fileName}`;
  return (
    <Card title={t("title")} id="since-question">
      <div className="space-y-4 text-sm" data-testid="since-question">
        <div>
          <p className="font-medium">{t("question", { at: formatDateTime(round.askedAt, locale) })}</p>
          <p className="whitespace-pre-wrap break-words" data-testid="since-question-question">
            {round.question}
          </p>
        </div>
        <div>
          {round.answer !== null && round.answeredAt ? (
            <>
              <p className="font-medium">{t("answer", { at: formatDateTime(round.answeredAt, locale) })}</p>
              <p className="whitespace-pre-wrap break-words" data-testid="since-question-answer">
                {round.answer}
              </p>
            </>
          ) : (
            <p className="text-slate-700">{t("notAnswered")}</p>
          )}
        </div>
        {nothingChanged(changes) ? <p className="text-slate-700">{t("nothing")}</p> : null}
        {changes.added.length > 0 ? (
          <div>
            <h3 className="font-semibold">{t("added")}</h3>
            <ul className="list-disc pl-5" data-testid="since-question-added">
              {changes.added.map((doc) => (
                <li key={doc.id} data-kind={doc.kind} className="break-all">
                  {docLine(doc)} · {t("addedAt", { at: formatDateTime(doc.createdAt, locale) })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {changes.removed.length > 0 ? (
          <div>
            <h3 className="font-semibold">{t("removed")}</h3>
            <ul className="list-disc pl-5" data-testid="since-question-removed">
              {changes.removed.map((doc) => (
                <li key={doc.id} data-kind={doc.kind} className="break-all">
                  {docLine(doc)} · {t("removedAt", { at: formatDateTime(doc.withdrawnAt!, locale) })}{" "}
                  <a href={`/ra/documents/${doc.id}`} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline">
                    {doc.fileName}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {changes.details.length > 0 ? (
          <div>
            <h3 className="font-semibold">{t("details")}</h3>
            <ul className="list-disc pl-5" data-testid="since-question-details">
              {changes.details.map((c) => (
                <li key={c.field} data-field={c.field} className="break-words">
                  {d.has(c.field) ? d(c.field) : c.field}: {value(c.before)} → {value(c.after)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
