"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { AgreementDocumentView } from "@/components/portal/agreement-document";
import { buttonClass } from "@/components/ui/styles";
import type { AgreementDocument } from "@/domain/agreement";

export interface AgreementReaderLabels {
  /** Names the text for screen readers. */
  text: string;
  /** The mark on emphasised clauses (those that limit the CA's liability or move risk to the subscriber). */
  liability: string;
  /** The tick box's words: what the reader declares. */
  read: string;
  accept: string;
  working: string;
  /** Shown in the bar until the end of the text was on screen. */
  scrollToEnd: string;
}

/**
 * The one agreement reader (wizard step, download/renew/update gate): the text reads as part of
 * the page, not in a small scrolling box, so a phone scrolls it like any page; the accept bar
 * sticks to the bottom of the screen. The tick box (a 24 px box in a 44 px high label) unlocks once
 * the end of the text was on screen, so the emphasised clauses were shown before acceptance
 * (preamble); the accept button is enabled once it is ticked. `extra` (e.g. the wizard's "Back")
 * goes beside the accept button.
 */
export function AgreementReader({
  document,
  labels,
  busy,
  onAccept,
  extra,
}: {
  document: AgreementDocument;
  labels: AgreementReaderLabels;
  busy: boolean;
  onAccept: () => void;
  extra?: ReactNode;
}) {
  const endRef = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  const [read, setRead] = useState(false);
  useEffect(() => {
    if (!endRef.current) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true));
    io.observe(endRef.current);
    return () => io.disconnect();
  }, []);
  return (
    <div data-testid="agreement-reader">
      <div role="region" aria-label={labels.text} data-testid="agreement-scroll" className="pb-4">
        <AgreementDocumentView doc={document} liabilityLabel={labels.liability} />
        <div ref={endRef} data-testid="agreement-end" className="h-1" />
      </div>
      <div
        data-testid="agreement-accept-bar"
        className="sticky bottom-0 z-10 border-t border-slate-300 bg-white px-3 py-3 shadow-[0_-4px_8px_rgba(15,23,42,0.08)]"
      >
        {!seen ? (
          <p className="mb-2 text-sm text-slate-700" aria-live="polite">
            {labels.scrollToEnd}
          </p>
        ) : null}
        <label className="flex min-h-11 items-start gap-3 py-1">
          <input type="checkbox" checked={read} disabled={!seen} onChange={(e) => setRead(e.target.checked)} className="mt-0.5 size-6 shrink-0" data-testid="agreement-tick" />
          <span>{labels.read}</span>
        </label>
        <div className="mt-2 flex flex-wrap gap-3">
          {extra}
          <button type="button" className={buttonClass.primary} onClick={onAccept} disabled={!read || busy}>
            {busy ? labels.working : labels.accept}
          </button>
        </div>
      </div>
    </div>
  );
}
