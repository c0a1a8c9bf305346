import { withRole } from "@/server/web/guards";
import { receiptPath } from "@/server/web/receipt-download";
import { getRevocationReceipt } from "@/server/revocation/get-revocation-receipt";

export const dynamic = "force-dynamic";

/**
 * The signed revocation / loss-report receipt (clause 1.4's times) as one JSON file, a convenience
 * wrapper (base64 CMS and token); the same receipt as .p7s/.tsr files is under ./<file>.
 */
export const GET = withRole<{ id: string; requestId: string }>("signed-in", async (_req, { ctx, params }) => {
  receiptPath({ ...params, file: "receipt.json" }, ["id", "requestId"]);
  const { json, cmsBase64, timestampTokenBase64, chainBase64 } = await getRevocationReceipt(ctx, { requestId: params.requestId, certificateId: params.id });
  return new Response(JSON.stringify({ json, cmsBase64, timestampTokenBase64, chainBase64 }, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="revocation-receipt-${params.requestId.slice(0, 8)}.json"`,
      "cache-control": "no-store",
    },
  });
});
