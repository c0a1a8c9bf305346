import { checkCertificateAction } from "@/domain/certificate";
import type { CertificateTestKind, Prisma } from "@/generated/prisma/client";
import { domainError, type UseCaseScope } from "@/server/core";
import { lockCertificate, certificateFacts } from "@/server/shared";
import { requireHolder } from "@/server/auth";

/**
 * The certificate a test run is about, locked: only its holder (or an agent with the TEST scope)
 * tests it, and only while an objection is still possible (clause 1.8: tests belong to the
 * test window).
 */
export async function lockCertificateForTest(s: UseCaseScope, certificateId: string) {
  const cert = await lockCertificate(s.tx, certificateId);
  await requireHolder(s.tx, cert, s.actor!, "TEST", s.now);
  const check = checkCertificateAction("OBJECT", certificateFacts(cert), s.now);
  if (!check.ok) throw domainError(check.code, { from: check.status });
  return cert;
}

/** Writes one test result and its audit event; the caller has decided `passed` and `serverCheck`. */
export async function storeTestResult(
  s: UseCaseScope,
  cert: { id: string; subscriberOrganisationId: string | null },
  run: { kind: CertificateTestKind; passed: boolean; details: Record<string, unknown>; serverCheck: string | null },
): Promise<{ testResultId: string; passed: boolean; serverCheck: string | null }> {
  const result = await s.tx.certificateTestResult.create({
    data: { certificateId: cert.id, kind: run.kind, passed: run.passed, details: run.details as Prisma.InputJsonValue, runAt: s.now, runById: s.actor!.userId },
    select: { id: true },
  });
  s.audit({
    action: "certificate.test-recorded",
    subjectType: "Certificate",
    subjectId: cert.id,
    onBehalfOfId: cert.subscriberOrganisationId,
    summary: { testResultId: result.id, kind: run.kind, passed: run.passed, serverCheck: run.serverCheck },
  });
  return { testResultId: result.id, passed: run.passed, serverCheck: run.serverCheck };
}
