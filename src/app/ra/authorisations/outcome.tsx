import { OutcomeBanner } from "@/components/console/outcome-banner";

/** The outcome of the last letter decision (see OutcomeBanner). */
export function LetterOutcome({ ok, error }: { ok?: string; error?: string }) {
  return <OutcomeBanner ok={ok} error={error} namespace="letterCheck.outcome" fallback={null} />;
}
