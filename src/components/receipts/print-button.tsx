"use client";

/** The browser's own print dialog, where "Save as PDF" makes the PDF: no PDF library on the server. */
export function PrintButton({ label, className }: { label: string; className?: string }) {
  return (
    <button type="button" className={className} onClick={() => window.print()} data-testid="receipt-print">
      {label}
    </button>
  );
}
