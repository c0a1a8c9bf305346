import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { isRaOfficer, requireHolder } from "@/server/auth";
import { certificateFacts, lockCertificate } from "@/server/shared";
import type { Certificate } from "@/generated/prisma/client";
import { type Actor, type Tx, domainError, isDomainError, defineUseCase } from "@/server/core";
import { publishStatusAfterCommit } from "@/server/ca-service";
import { requestView } from "./internal/request-view";
import { notifySubscriber } from "./internal/subscriber-recipients";

/** How a loss report reached the CA. */
export const REPORT_CHANNELS = ["PORTAL", "PHONE", "COUNTER"] as const;

export const reportLossInput = z.object({
  certificateId: z.string().uuid(),
  /** What happened (lost token, stolen laptop...), in the subscriber's words. */
  note: z.string().trim().max(2000).optional(),
  /**
   * PORTAL: the subscriber or agent, signed in. PHONE / COUNTER: an RA officer records a report
   * received on the hotline or at the counter (a loss does not wait for a login).
   */
  channel: z.enum(REPORT_CHANNELS).default("PORTAL"),
});

/**
 * Clause 1.4: the subscriber (or their agent) reports the key lost or stolen. The certificate is
 * suspended at once (certificateHold) without waiting for anyone: a suspension is reversible and
 * every minute a stolen key stays trusted is the subscriber's liability. The report is kept as a
 * request (kind LOSS_REPORT) with the moment it was received, already done; revoking or
 * releasing the hold are separate requests. OCSP and the CRL are updated right after the commit.
 * An RA officer may record a report received by phone or at the counter (channel), since a
 * suspension only protects and can be lifted.
 */
export const reportLoss = defineUseCase({
  name: "revocation.report-loss",
  input: reportLossInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const cert = await lockCertificate(s.tx, input.certificateId);
    const { onBehalfOfOrganisationId, recordedByOfficer } = await reporterAuthority(s.tx, cert, actor, input.channel, s.now);
    const check = checkCertificateAction("SUSPEND", certificateFacts(cert), s.now);
    if (!check.ok) throw domainError(check.code, { from: check.status });

    const request = await s.tx.revocationRequest.create({
      data: {
        certificateId: cert.id,
        requestedById: actor.userId,
        onBehalfOfOrganisationId,
        kind: "LOSS_REPORT",
        reasonCode: "CERTIFICATE_HOLD",
        status: "DONE",
        receivedAt: s.now,
        doneAt: s.now,
        note: input.channel === "PORTAL" ? (input.note ?? null) : `[${input.channel}] ${input.note ?? ""}`.trim(),
      },
    });
    await s.tx.certificate.update({ where: { id: cert.id }, data: { holdAt: s.now, status: "SUSPENDED" } });
    await notifySubscriber(s, {
      cert,
      requestedById: recordedByOfficer ? null : actor.userId,
      template: "revocation.suspended",
      eventKey: request.id,
      payload: { requestId: request.id, holdAt: s.now.toISOString() },
    });
    s.audit({
      action: "revocation.loss-reported",
      subjectType: "Certificate",
      subjectId: cert.id,
      onBehalfOfId: onBehalfOfOrganisationId,
      summary: { requestId: request.id, serialHex: cert.serialHex, holdAt: s.now.toISOString(), previousStatus: cert.status, channel: input.channel, recordedByOfficer },
    });
    return { request: requestView(request, s.now), holdAt: s.now, publishCertificateIds: [cert.id] };
  },
  // After the commit: the new status reaches OCSP and the CRL within the request.
  afterCommit: publishStatusAfterCommit,
});

/** The holder through the portal; an RA officer only for a report received by phone or at the counter. */
async function reporterAuthority(
  tx: Tx,
  cert: Pick<Certificate, "subscriberUserId" | "subscriberOrganisationId">,
  actor: Actor,
  channel: "PORTAL" | "PHONE" | "COUNTER",
  now: Date,
): Promise<{ onBehalfOfOrganisationId: string | null; recordedByOfficer: boolean }> {
  try {
    return { ...(await requireHolder(tx, cert, actor, "LOSS_REPORT", now)), recordedByOfficer: false };
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND" && channel !== "PORTAL" && isRaOfficer(actor)) {
      return { onBehalfOfOrganisationId: cert.subscriberOrganisationId, recordedByOfficer: true };
    }
    throw e;
  }
}
