import { attachDocument } from "@/server/application/attach-document";
import { withRole } from "@/server/web/guards";
import { DomainError } from "@/server/core/errors";
import { maxDocumentBytes } from "@/server/document/document-limits";
import { assertRequestSize } from "@/server/verification/input-limits";

export const dynamic = "force-dynamic";

/**
 * One document upload for an application (multipart: applicationId, kind, file). A separate
 * request per file, so the browser can show each file's progress; the use case checks the type
 * from the bytes and the size again.
 */
export const POST = withRole("signed-in", async (req, { ctx }) => {
  assertRequestSize(req.headers.get("content-length"), maxDocumentBytes() + 64 * 1024);
  const form = await req.formData();
  const file = form.get("file");
  if (!file || typeof file === "string") throw new DomainError("VALIDATION_FAILED", { issues: { file: ["required"] } });
  const result = await attachDocument(ctx, {
    applicationId: String(form.get("applicationId") ?? ""),
    kind: String(form.get("kind") ?? "") as "ID_FRONT",
    file: { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
  });
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
