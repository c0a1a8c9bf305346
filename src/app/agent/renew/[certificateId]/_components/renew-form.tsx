"use client";

import { RenewalForm } from "@/app/_components/renewal-form";
import type { BrowserKeyAlgorithm } from "@/client/browser-key-algorithm";

/**
 * Renewal on the organisation's behalf: the shared renewal form (src/app/_components/renewal-form.tsx),
 * as the agent's page has always offered it: a new key made in this browser, the renewal requested
 * with its CSR, the declarations made again, submitted. The old certificate stays valid until the
 * new one is accepted (the server supersedes it then).
 */
export function RenewForm({
  certificateId,
  labels,
  keyAlgorithm,
}: {
  certificateId: string;
  keyAlgorithm: BrowserKeyAlgorithm;
  labels: { declarationsIntro: string; declarations: Record<"truthfulCompleteLawful" | "copiesMatchOriginals" | "consentToElectronicSignatureUse" | "consentToCertificateQuery", string>; submit: string; working: string; done: string; keyNote: string; status: string; keyFailed: string };
}) {
  return (
    <RenewalForm
      certificateId={certificateId}
      kinds={["RENEW"]}
      initialKind="RENEW"
      renewKey="new"
      certificateKey={null}
      keyModes={["browser"]}
      keyAlgorithm={keyAlgorithm}
      labels={{ ...labels, submit: { RENEW: labels.submit, REKEY: labels.submit }, keyNote: { RENEW: labels.keyNote } }}
    />
  );
}
