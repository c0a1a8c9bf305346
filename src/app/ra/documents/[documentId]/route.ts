import { withRole } from "@/server/web/guards";
import { isRaOfficer } from "@/server/auth/roles";
import { readDocument } from "@/server/document/read-document";

/**
 * The document viewer's source: the bytes of one identity document, for RA officers, with the
 * type sniffed at upload (never the uploader's claim), shown inline and never re-sniffed by the
 * browser. Every read is an audit event (read-document writes it).
 */
export const GET = withRole<{ documentId: string }>(isRaOfficer, async (_req, { ctx, params }) => {
  const doc = await readDocument(ctx, { documentId: params.documentId });
  const safeName = doc.fileName.replace(/[^\w.\-]/g, "_");
  return new Response(new Uint8Array(doc.bytes), {
    headers: {
      "content-type": doc.contentType,
      "content-length": String(doc.bytes.length),
      "content-disposition": `inline; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store, private",
      // A PDF or image only: no scripts, no framing by other sites.
      "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
    },
  });
});
