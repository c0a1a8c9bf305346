import { OutcomeBanner } from "@/components/console/outcome-banner";

/** The outcome of the last action on an organisation page (see OutcomeBanner). */
export function Outcome({ ok, error }: { ok?: string; error?: string }) {
  return <OutcomeBanner ok={ok} error={error} namespace="organisations.outcome" fallback={null} />;
}
