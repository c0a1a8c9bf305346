import { withRole } from "@/server/web/guards";
import { assertSmallForm } from "@/server/web/small-form";
import { isAuditor } from "@/server/auth/roles";
import { exportAuditEvidence } from "@/server/audit-log/export-audit-evidence";
import { beijingLocalDateTime } from "@/i18n/beijing-input";

/** The selection of the audit log shown on /audit, as a CMS SignedData file (.p7m) signed by the CA. */
export const POST = withRole(isAuditor, async (req, { ctx }) => {
  assertSmallForm(req);
  const form = await req.formData();
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  };
  const beijing = (v: string | undefined) => (v ? beijingLocalDateTime(v) : v);
  const result = await exportAuditEvidence(ctx, {
    actor: text("actor"),
    action: text("action"),
    subjectType: text("subjectType"),
    subjectId: text("subjectId"),
    from: beijing(text("from")) as never,
    to: beijing(text("to")) as never,
  });
  const name = `audit-evidence-${ctx.clock.now().toISOString().replace(/[:.]/g, "-")}.p7m`;
  return new Response(new Uint8Array(result.cms), {
    headers: {
      "content-type": "application/pkcs7-mime; smime-type=signed-data",
      "content-disposition": `attachment; filename="${name}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "x-evidence-events": String(result.count),
    },
  });
});
