import { z } from "zod";
import { deriveCertificateState } from "@/domain/certificate";
import { requireHolder, mayReadAnyCertificate } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";
import { certificateFacts } from "@/server/shared";

export const getCertificateStateInput = z.object({ certificateId: z.string().uuid() });

/**
 * The certificate's life-cycle state derived from its facts at this moment (clause 1.7/1.8/2.2):
 * correct whether or not the deemed-acceptance sweep has run yet. For the holder and staff.
 */
export const getCertificateState = defineQuery({
  name: "certificate.get-state",
  input: getCertificateStateInput,
  authorize: "signed-in",
  async run(ctx, input) {
    return ctx.db.$transaction(async (tx) => {
      const cert = await tx.certificate.findUnique({
        where: { id: input.certificateId },
        include: { objections: { orderBy: { raisedAt: "asc" } }, testResults: { orderBy: { runAt: "asc" } } },
      });
      if (!cert) throw domainError("NOT_FOUND");
      if (!mayReadAnyCertificate(ctx.actor!)) await requireHolder(tx, cert, ctx.actor!, "TEST", ctx.now);
      const derived = deriveCertificateState(certificateFacts(cert), ctx.now);
      return {
        ...derived,
        receiptAt: cert.receiptAt,
        deliveryMethod: cert.deliveryMethod,
        testWindowDeadline: cert.testWindowDeadline,
        testWindowProvisional: cert.testWindowProvisional,
        recordedAcceptance: cert.acceptanceKind ? { kind: cert.acceptanceKind, at: cert.acceptedAt } : null,
        changeRequested: cert.objections.some((o) => o.resolution === "CHANGE") && !cert.supersededById,
        objections: cert.objections.map((o) => ({ id: o.id, raisedAt: o.raisedAt, late: o.late, status: o.status, resolution: o.resolution })),
        testResults: cert.testResults.map((t) => ({ id: t.id, kind: t.kind, passed: t.passed, runAt: t.runAt })),
      };
    });
  },
});
