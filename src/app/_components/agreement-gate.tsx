"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { acceptAgreementAction } from "@/app/agreement/actions";
import { AgreementReader, type AgreementReaderLabels } from "@/components/portal/agreement-reader";
import type { AgreementDocument } from "@/domain/agreement";

/**
 * The agreement shown in full before an action that needs it (download, renewal, update), in the
 * one reader. The acceptance is recorded with this page's context as evidence; it then covers
 * every action (one acceptance rule). On success the page reloads its data.
 */
export function AgreementGate({
  agreement,
  context,
  onBehalfOfOrganisationId,
  labels,
  testId = "agreement-gate",
}: {
  agreement: { version: number; contentHash: string; locale: "zh-CN" | "en"; document: AgreementDocument };
  context: "DOWNLOAD" | "RENEW" | "UPDATE" | "USE";
  onBehalfOfOrganisationId?: string;
  labels: AgreementReaderLabels;
  /** A second gate on the same page (the change card's, beside the downloads') gets its own, so each stays findable. */
  testId?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function accept() {
    setBusy(true);
    setError(null);
    const r = await acceptAgreementAction({ version: agreement.version, contentHash: agreement.contentHash, locale: agreement.locale, context, ...(onBehalfOfOrganisationId ? { onBehalfOfOrganisationId } : {}) });
    setBusy(false);
    if (r.status === "error") setError(r.message);
    else router.refresh();
  }
  return (
    <div className="space-y-3" data-testid={testId}>
      {error ? (
        <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {error}
        </div>
      ) : null}
      <AgreementReader document={agreement.document} labels={labels} busy={busy} onAccept={accept} />
    </div>
  );
}
