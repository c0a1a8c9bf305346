import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ReplySupportForm } from "@/app/support/_components/support-forms";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getSupportRequest } from "@/server/support/get-support-request";

export async function generateMetadata() {
  return { title: (await getTranslations("supportPage"))("title") };
}

/** One support request as a thread: its state and handler; the requester can always answer (reopening a closed one). */
export default async function SupportRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const [t, locale, ctx] = await Promise.all([getTranslations("supportPage"), getLocale(), serviceContext(user)]);
  let request;
  try {
    request = await getSupportRequest(ctx, { requestId: id });
  } catch (e) {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  }
  return (
    <div className="space-y-6">
      <p>
        <Link href="/support" className={buttonClass.link}>
          {t("back")}
        </Link>
      </p>
      <PageTitle intro={`${t(`status_${request.status}`)} · ${formatDateTime(request.createdAt, locale)}`}>{request.subject}</PageTitle>
      <Card>
        {/* Where the request stands and who handles it; the desk's internal notes never reach this page (the read model leaves them out). */}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("stateLabel")}</dt>
          <dd data-testid="support-state" data-status={request.status}>{t(`status_${request.status}`)}</dd>
          <dt className="font-medium">{t("handledByLabel")}</dt>
          <dd data-testid="support-handled-by">{request.handledBy?.displayName ?? t("notYetAssigned")}</dd>
        </dl>
        <p className="mt-2 text-sm text-slate-700">{t(`stateHint_${request.status}`)}</p>
      </Card>
      <Card>
        <ol className="space-y-3" data-testid="support-thread">
          {request.messages.map((m) => (
            <li key={m.id} className={`rounded-md p-3 ${m.fromRequester ? "bg-brand-50" : "bg-slate-100"}`}>
              <p className="text-sm font-medium text-slate-700">
                {m.fromRequester ? t("you") : t("service")} · {formatDateTime(m.createdAt, locale)}
              </p>
              <p className="whitespace-pre-line text-slate-900">{m.body}</p>
            </li>
          ))}
        </ol>
      </Card>
      {request.can.reply.ok ? (
        // Answering a closed request reopens it (domain/support: the requester may always answer).
        <Card title={request.status === "CLOSED" ? t("reopenTitle") : t("replyTitle")} id="reply-card">
          <ReplySupportForm requestId={request.id} labels={{ body: t("body"), submit: request.status === "CLOSED" ? t("reopenSubmit") : t("replySubmit"), pending: t("pending") }} />
        </Card>
      ) : null}
    </div>
  );
}
