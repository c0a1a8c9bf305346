import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { CA_GROUND_REASONS, CA_REVOCATION_GROUNDS, MAX_BATCH_SERIAL_LINES, REVOCATION_REASON_CODES } from "@/domain/revocation";
import { formatDateTime } from "@/i18n/format";
import { listProfilesForAdmin } from "@/server/application/list-profiles-for-admin";
import { listCaCertificates } from "@/server/ca-service/list-ca-certificates";
import { getRevocationBatch, listRevocationBatches } from "@/server/revocation/revocation-batch-views";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { BatchForm, type BatchFormLabels } from "./_components/batch-form";
import { previewBatchAction, requestBatchAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("console.batchRevocation"))("title") };
}

const HERE = "/admin/revocations/batch";
const LABELS = [
  "by", "byISSUER", "byPROFILE", "byKEY", "bySERIALS", "issuer", "profileCode", "spkiSha256", "serials", "ground", "explanation", "preview", "previewing", "previewTitle",
  "total", "alreadyRevoked", "conflicts", "toRevoke", "reason", "sample", "sampleSerial", "sampleSubject", "revoked", "conflictList", "request", "requesting", "noneToRevoke",
] as const;

type Props = { searchParams: Promise<{ ok?: string; error?: string; batch?: string }> };

/** Issue 14 item 6: a CA's mass-revocation plan, previewed, under dual control, carried out by a job with its progress shown here. */
export default async function Page({ searchParams }: Props) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const ctx = await serviceContext(user);
  const [locale, t, e, cas, profiles, batches] = await Promise.all([
    getLocale(),
    getTranslations("console.batchRevocation"),
    getTranslations("enums"),
    listCaCertificates(ctx, {}),
    listProfilesForAdmin(ctx, {}),
    listRevocationBatches(ctx, {}),
  ]);
  const g = await getTranslations("console.caRevocation");
  const batchId = /^[0-9a-f-]{36}$/.test(sp.batch ?? "") ? sp.batch! : null;
  const shown = batchId ? await getRevocationBatch(ctx, { batchId }).catch(() => null) : null;
  const labels = Object.fromEntries(LABELS.map((k) => [k, t(`form.${k}`)])) as BatchFormLabels;
  labels.serialsHint = t("form.serialsHint", { max: MAX_BATCH_SERIAL_LINES });
  // Counts are filled in by the form ({count} stays a placeholder here).
  labels.unknown = t("form.unknown", { count: "{count}" });
  labels.invalid = t("form.invalid", { count: "{count}" });
  labels.confirm = t("form.confirm", { count: "{count}" });
  const grounds = CA_REVOCATION_GROUNDS.map((gr) => ({
    label: g(`grounds.${gr}`),
    options: [CA_GROUND_REASONS[gr].defaultReason, ...CA_GROUND_REASONS[gr].allowed.filter((r) => r !== CA_GROUND_REASONS[gr].defaultReason)].map((r) => ({
      value: `${gr}:${r}`,
      label: g("groundOption", { ground: g(`grounds.${gr}`), reason: e(`RevocationReason.${r}`) }),
    })),
  }));
  const reasons = Object.fromEntries(Object.keys(REVOCATION_REASON_CODES).map((r) => [r, e(`RevocationReason.${r}`)]));
  const profileName = (p: { nameZh: string; nameEn: string }) => (locale === "en" ? p.nameEn : p.nameZh);

  return (
    <div className="space-y-6" data-testid="admin-batch-revocation">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current="/admin/revocations" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />

      <Card title={t("new")}>
        <p className="mb-3 text-sm text-slate-700">{t("dualControl")}</p>
        <BatchForm
          labels={labels}
          grounds={grounds}
          reasons={reasons}
          issuers={cas.cas.filter((c) => c.role === "ISSUING").map((c) => ({ value: c.name, label: `${c.name} (${c.algorithm})` }))}
          profiles={profiles.map((p) => ({ value: p.code, label: `${profileName(p)} (${p.code})` }))}
          preview={previewBatchAction}
          request={requestBatchAction}
        />
      </Card>

      {shown ? (
        <Card title={t("detail.title")}>
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" data-testid="batch-detail" data-status={shown.status}>
            <dt className="font-medium text-slate-600">{t("list.status")}</dt>
            <dd>{e(`RevocationBatchStatus.${shown.status}`)}</dd>
            <dt className="font-medium text-slate-600">{t("list.progress")}</dt>
            <dd>{t("progress", { handled: shown.handled, total: shown.total, done: shown.done, skipped: shown.skipped, failed: shown.failed })}</dd>
            <dt className="font-medium text-slate-600">{t("detail.ground")}</dt>
            <dd>{g(`grounds.${shown.ground}`)} · {e(`RevocationReason.${shown.reason}`)}</dd>
            <dt className="font-medium text-slate-600">{t("detail.explanation")}</dt>
            <dd className="break-words">{shown.explanation}</dd>
          </dl>
          {shown.failures.length > 0 ? (
            <div className="mt-3">
              <p className="text-sm font-medium">{t("detail.failures")}</p>
              <ul className="break-all font-mono text-xs" data-testid="batch-failures">
                {shown.failures.map((f) => <li key={f.certificateId}>{f.serialHex} · {f.failure}</li>)}
              </ul>
            </div>
          ) : null}
        </Card>
      ) : null}

      <Card title={t("list.title")}>
        {batches.length === 0 ? (
          <p className="text-sm text-slate-700">{t("list.none")}</p>
        ) : (
          <ul className="space-y-3 text-sm" data-testid="batch-list">
            {batches.map((b) => (
              <li key={b.id} data-batch-id={b.id} data-status={b.status} data-handled={b.handled} data-total={b.total} className="break-words">
                <Link href={`${HERE}?batch=${b.id}`} className={buttonClass.link}>{formatDateTime(b.startedAt ?? new Date(0), locale)}</Link>
                {" · "}{e(`RevocationBatchStatus.${b.status}`)}{" · "}{g(`grounds.${b.ground}`)}
                <div className="mt-1 flex items-center gap-2">
                  <progress value={b.handled} max={b.total} aria-label={t("list.progress")} className="w-40" />
                  <span data-testid="batch-progress">{t("progress", { handled: b.handled, total: b.total, done: b.done, skipped: b.skipped, failed: b.failed })}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm"><Link href={HERE} className={buttonClass.link}>{t("refresh")}</Link></p>
      </Card>
    </div>
  );
}
