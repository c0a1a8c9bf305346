import { isAuditor } from "@/server/auth";
import { canonicalJson, defineUseCase } from "@/server/core";
import { auditLogFilter, auditWhere } from "./internal/audit-log-filter";

export const EVIDENCE_MAX_EVENTS = 5_000;

export const exportAuditEvidenceInput = auditLogFilter;

/**
 * An auditor exports a selection of the audit log as signed evidence: the events (with their
 * hashes, so each can be checked against the chain) in canonical JSON, wrapped in a CMS
 * SignedData by the CA's evidence signer with a time-stamp. The export itself is audited.
 */
export const exportAuditEvidence = defineUseCase({
  name: "audit-log.export-evidence",
  input: exportAuditEvidenceInput,
  authorize: isAuditor,
  // The CA is opened before the transaction (PGlite has one connection).
  prepare: (ctx) => ctx.ca(),
  async run(s, input, ca) {
    const where = await auditWhere(s.tx, input);
    const rows = await s.tx.auditEvent.findMany({ where, orderBy: { seq: "asc" }, take: EVIDENCE_MAX_EVENTS });
    const content = Buffer.from(
      canonicalJson({
        exportedAt: s.now.toISOString(),
        exportedBy: s.actor!.userId,
        filter: JSON.parse(JSON.stringify(input)) as unknown,
        events: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      }),
      "utf8",
    );
    const signed = await ca.signEvidence(content, s.now);
    s.audit({
      action: "audit.evidence-exported",
      subjectType: "AuditEvent",
      subjectId: null,
      summary: { filter: JSON.parse(JSON.stringify(input)) as unknown, count: rows.length, firstSeq: rows[0]?.seq ?? null, lastSeq: rows.at(-1)?.seq ?? null },
    });
    return { cms: Buffer.from(signed.cms), count: rows.length };
  },
});
