import { assertReadyForIssuance } from "@/server/application";
import { type Tx, domainError, isDomainError } from "@/server/core";

/**
 * The application area's gate (row lock, APPROVED, fee paid or not required), with the one
 * refusal issuance names itself: an application that already has its certificate (a second
 * officer or a double click) gets CERT_ALREADY_ISSUED with the certificate's id.
 */
export async function lockApplicationForIssuance(tx: Tx, applicationId: string) {
  try {
    return await assertReadyForIssuance(tx, applicationId);
  } catch (e) {
    if (isDomainError(e) && e.code === "INVALID_STATE_TRANSITION") {
      // The row lock is held by now, so this read sees the winner's commit.
      const issued = await tx.certificate.findUnique({ where: { applicationId }, select: { id: true } });
      if (issued) throw domainError("CERT_ALREADY_ISSUED", { certificateId: issued.id });
    }
    throw e;
  }
}

export type ApplicationForIssuance = Awaited<ReturnType<typeof lockApplicationForIssuance>>;
