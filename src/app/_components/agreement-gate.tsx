"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { acceptAgreementStep } from "@/app/apply/actions";
import { AgreementDocumentView } from "@/components/portal/agreement-document";
import { buttonClass } from "@/components/ui/styles";
import type { AgreementDocument } from "@/domain/agreement";

/**
 * The agreement shown in full before an action that needs it (download, renewal): the accept
 * checkbox unlocks once the end of the text was on screen. On success the page reloads its data.
 */
export function AgreementGate({
  agreement,
  context,
  onBehalfOfOrganisationId,
  labels,
  testId = "agreement-gate",
}: {
  agreement: { version: number; contentHash: string; locale: "zh-CN" | "en"; document: AgreementDocument };
  context: "DOWNLOAD" | "RENEW" | "UPDATE";
  onBehalfOfOrganisationId?: string;
  labels: { read: string; accept: string; working: string; scroll: string; liability: string; scrollToEnd: string };
  /** A second gate on the same page (the change card's, beside the downloads') gets its own, so each stays findable. */
  testId?: string;
}) {
  const router = useRouter();
  const endRef = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  const [read, setRead] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!endRef.current) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true));
    io.observe(endRef.current);
    return () => io.disconnect();
  }, []);
  async function accept() {
    setBusy(true);
    setError(null);
    const r = await acceptAgreementStep({ version: agreement.version, contentHash: agreement.contentHash, locale: agreement.locale, context, ...(onBehalfOfOrganisationId ? { onBehalfOfOrganisationId } : {}) });
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
      <div className="max-h-80 overflow-y-auto rounded border border-slate-200 p-4" tabIndex={0} aria-label={labels.scroll}>
        <AgreementDocumentView doc={agreement.document} liabilityLabel={labels.liability} />
        <div ref={endRef} data-testid="agreement-end" className="h-1" />
      </div>
      {!seen ? <p className="text-sm text-slate-700">{labels.scrollToEnd}</p> : null}
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={read} disabled={!seen} onChange={(e) => setRead(e.target.checked)} className="mt-1 size-5" />
        <span>{labels.read}</span>
      </label>
      <button type="button" className={buttonClass.primary} onClick={accept} disabled={!read || busy}>
        {busy ? labels.working : labels.accept}
      </button>
    </div>
  );
}
