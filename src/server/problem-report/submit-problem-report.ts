import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { MAX_SERIAL_INPUT } from "@/domain/certificate";
import { PROBLEM_REPORT_CATEGORIES, MAX_POW_NONCE, preliminaryDue, problemReportReference } from "@/domain/problem-report";
import { domainError, defineUseCase } from "@/server/core";
import { clientKey, consumeRateLimit, type RateLimit } from "@/server/public";
import { MAX_CERTIFICATE_BYTES, findReportedCertificate, type ReportedCertificate } from "./internal/find-certificate";
import { MAX_PRIVATE_KEY_CHARS, MAX_SIGNATURE_CHARS, checkPrivateKeyProof, checkSignatureProof } from "./internal/key-proof";
import { spendProofOfWork } from "./internal/proof-of-work";
import { MAX_TOKEN_LENGTH, checkToken, statusPath as statusPathOf, statusToken } from "./internal/signed-tokens";

/**
 * Reports per client address: a person reporting several certificates is served, a flood is not.
 * Counted before the proof-of-work is even looked at, so a flood of bad proofs is refused too.
 */
export const PROBLEM_REPORT_LIMIT: RateLimit = { limit: 5, windowMs: 10 * 60_000 };
export const MAX_DESCRIPTION_CHARS = 4_000;
/** The bounds the edge applies to uploads before reading them. */
export { MAX_CERTIFICATE_BYTES, MAX_PRIVATE_KEY_CHARS };

export const submitProblemReportInput = z.object({
  serial: z.string().max(MAX_SERIAL_INPUT).optional(),
  /** The certificate file (PEM or DER), read by the edge only up to its bound. */
  certificateFile: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_CERTIFICATE_BYTES, { message: `at most ${MAX_CERTIFICATE_BYTES} bytes` }).optional(),
  category: z.enum(PROBLEM_REPORT_CATEGORIES),
  description: z.string().trim().min(10).max(MAX_DESCRIPTION_CHARS),
  reporterEmail: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  reporterName: z.string().trim().max(200).optional(),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  proofOfWork: z.object({ challenge: z.string().max(MAX_TOKEN_LENGTH), nonce: z.string().max(MAX_POW_NONCE) }),
  keyProof: z
    .discriminatedUnion("method", [
      z.object({ method: z.literal("SIGNATURE"), nonce: z.string().max(MAX_TOKEN_LENGTH), signature: z.string().min(1).max(MAX_SIGNATURE_CHARS) }),
      z.object({ method: z.literal("PRIVATE_KEY"), privateKeyPem: z.string().min(1).max(MAX_PRIVATE_KEY_CHARS) }),
    ])
    .optional(),
});
export type SubmitProblemReportInput = z.input<typeof submitProblemReportInput>;

type Prepared = {
  cert: ReportedCertificate;
  proof: null | { method: "SIGNATURE" | "PRIVATE_KEY"; nonce: string | null; refusal: null | "PROBLEM_REPORT_SIGNATURE_INVALID" | "PROBLEM_REPORT_KEY_MISMATCH" | "PROBLEM_REPORT_PRIVATE_KEY_UNREADABLE" | "PROBLEM_REPORT_NONCE_INVALID" };
};

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/**
 * A Certificate Problem Report from anyone (Baseline Requirements 4.9.3): no sign-in. The costly
 * and the refusable work runs before the transaction, cheapest first: the rate limit per client
 * address, the proof-of-work (one HMAC, one hash, spent once), the certificate (by serial or the
 * file, parsed before anything is looked up), the key proof. A key proof that fails stores no
 * report: only its audit event is committed (evidence of an attempt). A demonstrated key
 * compromise is marked on the report. The reporter gets a reference, a receipt mail and a
 * capability link to the report's status (the token is only in the mail and the answer; the
 * database keeps its SHA-256). The 24-hour clock for the preliminary report starts now.
 */
export const submitProblemReport = defineUseCase({
  name: "problem-report.submit",
  input: submitProblemReportInput,
  authorize: "public",
  async prepare(ctx, input): Promise<Prepared> {
    const now = ctx.clock.now();
    await consumeRateLimit(ctx.db, clientKey("problem-report", ctx.meta.ip), PROBLEM_REPORT_LIMIT, now);
    await spendProofOfWork(ctx.db, input.proofOfWork.challenge, input.proofOfWork.nonce, now);
    const cert = await findReportedCertificate(ctx.db, { serial: input.serial, file: input.certificateFile });
    const kp = input.keyProof;
    if (!kp) return { cert, proof: null };
    if (input.category !== "KEY_COMPROMISE") throw domainError("PROBLEM_REPORT_PROOF_NOT_FOR_CATEGORY");
    if (kp.method === "PRIVATE_KEY") {
      const verdict = checkPrivateKeyProof(cert.der, kp.privateKeyPem);
      // The key is not needed beyond the check: drop it from the input the transaction sees.
      kp.privateKeyPem = "";
      return { cert, proof: { method: "PRIVATE_KEY", nonce: null, refusal: verdict.ok ? null : verdict.refusal } };
    }
    const nonce = await checkToken("key-proof", kp.nonce, now);
    if (!nonce.ok) return { cert, proof: { method: "SIGNATURE", nonce: kp.nonce, refusal: "PROBLEM_REPORT_NONCE_INVALID" } };
    const verdict = checkSignatureProof(cert.der, cert.canonicalSerial, kp.nonce, kp.signature);
    return { cert, proof: { method: "SIGNATURE", nonce: kp.nonce, refusal: verdict.ok ? null : verdict.refusal } };
  },
  async run(s, input, { cert, proof }) {
    const refuse = (refusal: NonNullable<NonNullable<Prepared["proof"]>["refusal"]> | "PROBLEM_REPORT_NONCE_USED"): never => {
      s.audit({ action: "problem-report.key-proof-refused", subjectType: "Certificate", subjectId: cert.id, summary: { serialHex: cert.serialHex, method: proof!.method, refusal } });
      return s.rejectAfterCommit(domainError(refusal));
    };
    if (proof?.refusal) refuse(proof.refusal);
    if (proof?.nonce && (await s.tx.problemReport.findUnique({ where: { keyProofNonce: proof.nonce }, select: { id: true } }))) refuse("PROBLEM_REPORT_NONCE_USED");

    // The number is drawn before the row is written: the reference it makes is stored with the row.
    const [next] = await s.tx.$queryRaw<{ n: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"ProblemReport"', 'number')) AS n`;
    const number = Number(next!.n);
    const reference = problemReportReference(number, s.now);
    const id = randomUUID();
    const token = await statusToken(id);
    const dueAt = preliminaryDue(s.now);
    const report = await s.tx.problemReport.create({
      data: {
        id,
        number,
        reference,
        certificateId: cert.id,
        category: input.category,
        description: input.description,
        reporterEmail: input.reporterEmail,
        reporterName: input.reporterName || null,
        reporterLocale: input.locale,
        keyProof: proof ? proof.method : null,
        keyProofNonce: proof?.nonce ?? null,
        statusTokenHash: sha256(token),
        receivedAt: s.now,
        preliminaryDueAt: dueAt,
      },
    });
    const statusPath = statusPathOf(token);
    await s.notify({
      toAddress: input.reporterEmail,
      locale: input.locale,
      template: "problem-report.received",
      payload: { reference, serialHex: cert.serialHex, receivedAt: s.now.toISOString(), dueAt: dueAt.toISOString(), path: statusPathOf(token) },
      dedupeKey: `problem-report.received:${report.id}`,
    });
    s.audit({
      action: "problem-report.received",
      subjectType: "ProblemReport",
      subjectId: report.id,
      summary: {
        reference,
        certificateId: cert.id,
        serialHex: cert.serialHex,
        category: input.category,
        keyProof: report.keyProof,
        preliminaryDueAt: dueAt.toISOString(),
        descriptionSha256: sha256(input.description),
      },
    });
    return { id: report.id, reference, statusPath, receivedAt: s.now.toISOString(), preliminaryDueAt: dueAt.toISOString(), keyCompromiseDemonstrated: report.keyProof !== null };
  },
});
