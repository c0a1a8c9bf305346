import { withRole } from "@/server/web/guards";
import { getRevocationReceipt } from "@/server/revocation/get-revocation-receipt";

export const dynamic = "force-dynamic";

/** The signed revocation / loss-report receipt (clause 1.4's times) as a JSON file. */
export const GET = withRole<{ id: string; requestId: string }>("signed-in", async (_req, { ctx, params }) => {
  const receipt = await getRevocationReceipt(ctx, { requestId: params.requestId });
  return new Response(JSON.stringify(receipt, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="revocation-receipt-${params.requestId.slice(0, 8)}.json"`,
      "cache-control": "no-store",
    },
  });
});
