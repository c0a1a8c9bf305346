import { z } from "zod";
import { auditLogFilter, auditWhere } from "./internal/audit-log-filter";
import { mayReadAuditLog } from "@/server/auth";
import { defineQuery } from "@/server/core";

export const AUDIT_PAGE_SIZE = 50;

/** The subject types the portal and the CA command line write (the search offers them by name). */
export const AUDIT_SUBJECT_TYPES = [
  "Application", "Certificate", "RevocationRequest", "Objection", "Document", "User", "SubscriberIdentity",
  "Organisation", "OrganisationMember", "AgentAuthorisation", "AgreementVersion", "AgreementAcceptance",
  "CertificateProfile", "RegistrationAuthority", "UpdateNotice", "IssuingCa", "CrlShard", "CalendarYear",
  "SupportRequest", "PrivacyRequest", "Processor", "Disclosure", "AppSetting", "AuditEvent",
] as const;

export const searchAuditLogInput = auditLogFilter.extend({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** The audit log, newest first, one page at a time; read-only. */
export const searchAuditLog = defineQuery({
  name: "console.search-audit-log",
  input: searchAuditLogInput,
  authorize: mayReadAuditLog,
  async run(ctx, input) {
    const where = await auditWhere(ctx.db, input);
    const [total, rows] = await Promise.all([
      ctx.db.auditEvent.count({ where }),
      ctx.db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (input.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    ]);
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
    const actors = await ctx.db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } });
    const emailOf = new Map(actors.map((a) => [a.id, a.email]));
    return {
      total,
      page: input.page,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
      rows: rows.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actor: r.actorId ? (emailOf.get(r.actorId) ?? r.actorId) : null,
        actorRoles: r.actorRoles,
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        /** The stored JSON value; the page lays it out (AuditSummary), the export keeps it exact. */
        summary: r.summary,
        ip: r.ip,
        hash: r.hash,
      })),
    };
  },
});
