import type { ProblemReport, Certificate } from "@/generated/prisma/client";
import type { UseCaseScope } from "@/server/core";
import { certificateRecipients } from "@/server/shared";
import { statusToken } from "./signed-tokens";

/**
 * Mails one step of a report to both sides, each in their own words: the reporter at the address
 * they gave (their status page), and the certificate's holders (the person named in it, the
 * organisation's administrators) on the certificate's page. The subscriber's mail never names the
 * reporter; the reporter's never names the subscriber.
 */
export async function notifyReportParties(
  s: UseCaseScope,
  report: Pick<ProblemReport, "id" | "reference" | "reporterEmail" | "reporterLocale">,
  cert: Pick<Certificate, "id" | "serialHex" | "subscriberUserId" | "subscriberOrganisationId">,
  step: "preliminary" | "revoked" | "no-action",
  payload: Record<string, unknown>,
): Promise<string[]> {
  await s.notify({
    toAddress: report.reporterEmail,
    locale: report.reporterLocale,
    template: `problem-report.${step}-reporter`,
    payload: { reference: report.reference, serialHex: cert.serialHex, ...payload, path: `/report-problem/status?token=${await statusToken(report.id)}` },
    dedupeKey: `problem-report.${step}-reporter:${report.id}`,
  });
  const holders = await certificateRecipients(s.tx, cert);
  for (const u of holders) {
    await s.notify({
      userId: u.id,
      toAddress: u.email,
      locale: u.locale,
      template: `problem-report.${step}-subscriber`,
      payload: { reference: report.reference, serialHex: cert.serialHex, certificateId: cert.id, ...payload, path: `/certificates/${cert.id}` },
      dedupeKey: `problem-report.${step}-subscriber:${report.id}:${u.id}`,
    });
  }
  return holders.map((u) => u.id);
}
