import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { isCustomer, requireHolder } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { lockCertificate, certificateFacts } from "@/server/shared";

export const raiseObjectionInput = z.object({
  certificateId: z.string().uuid(),
  reason: z.string().trim().min(1).max(2_000),
  /** The failed test the objection rests on; required within the test window. */
  testResultId: z.string().uuid().optional(),
});

/**
 * Clause 1.8 / 2.2: an objection raised before the deadline stops deemed acceptance and goes to
 * an RA officer. One raised later (or after acceptance) is recorded as late: it does not undo
 * the acceptance and is handled as an ordinary request.
 */
export const raiseObjection = defineUseCase({
  name: "certificate.raise-objection",
  input: raiseObjectionInput,
  authorize: isCustomer,
  async run(s, input) {
    const cert = await lockCertificate(s.tx, input.certificateId);
    await requireHolder(s.tx, cert, s.actor!, "TEST", s.now);
    const check = checkCertificateAction("OBJECT", certificateFacts(cert), s.now);
    if (!check.ok) throw domainError(check.code, { from: check.status });
    const late = check.late === true;
    if (input.testResultId) {
      const test = await s.tx.certificateTestResult.findUnique({ where: { id: input.testResultId }, select: { certificateId: true, passed: true } });
      if (!test || test.certificateId !== cert.id || test.passed) throw domainError("TEST_RESULT_REQUIRED");
    } else if (!late) {
      throw domainError("TEST_RESULT_REQUIRED");
    }
    const objection = await s.tx.objection.create({
      data: { certificateId: cert.id, raisedById: s.actor!.userId, reason: input.reason, testResultId: input.testResultId ?? null, raisedAt: s.now, late },
      select: { id: true },
    });
    s.audit({
      action: late ? "certificate.late-objection-recorded" : "certificate.objection-raised",
      subjectType: "Objection",
      subjectId: objection.id,
      onBehalfOfId: cert.subscriberOrganisationId,
      summary: { certificateId: cert.id, late, testResultId: input.testResultId ?? null, deadline: cert.testWindowDeadline?.toISOString() ?? null },
    });
    return { objectionId: objection.id, late };
  },
});
