import { withRole } from "@/server/web/guards";
import { DomainError } from "@/server/core/errors";
import { maxDocumentBytes } from "@/server/document/document-limits";
import { grantAgentAuthorisation, type AGENT_SCOPES } from "@/server/organisation/grant-agent-authorisation";
import { assertRequestSize } from "@/server/verification/input-limits";
import { beijingDayEdge } from "@/i18n/beijing-input";

export const dynamic = "force-dynamic";

const beijingDay = (v: FormDataEntryValue | null, edge: "start" | "end") => beijingDayEdge(typeof v === "string" ? v.trim() : "", edge);

/**
 * An organisation admin authorises an agent (multipart: agentEmail, scope (repeated), validFrom,
 * validUntil, letter). A route handler rather than a server action, because the letter may be
 * a 10 MB scan; the use case checks the type from the bytes, the size again, and who may grant.
 */
export const POST = withRole<{ organisationId: string }>("signed-in", async (req, { ctx, params }) => {
  assertRequestSize(req.headers.get("content-length"), maxDocumentBytes() + 64 * 1024);
  const form = await req.formData();
  const letter = form.get("letter");
  if (!letter || typeof letter === "string" || letter.size === 0) throw new DomainError("VALIDATION_FAILED", { issues: { letter: ["REQUIRED"] } });
  const result = await grantAgentAuthorisation(ctx, {
    organisationId: params.organisationId,
    agentEmail: String(form.get("agentEmail") ?? "").trim(),
    // Checked against the scope list by the use case.
    scope: form.getAll("scope").map(String) as (typeof AGENT_SCOPES)[number][],
    validFrom: beijingDay(form.get("validFrom"), "start"),
    validUntil: beijingDay(form.get("validUntil"), "end"),
    letter: { fileName: letter.name, bytes: new Uint8Array(await letter.arrayBuffer()) },
  });
  return Response.json(result, { status: 201, headers: { "cache-control": "no-store" } });
});
