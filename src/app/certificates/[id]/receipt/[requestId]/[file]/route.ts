import { withRole } from "@/server/web/guards";
import { receiptDownload, receiptPath } from "@/server/web/receipt-download";
import { getRevocationReceipt } from "@/server/revocation/get-revocation-receipt";
import { receiptBaseName } from "@/server/ca-service/signed-receipt";

export const dynamic = "force-dynamic";

/** The revocation / loss-report receipt as files openssl reads: receipt.p7s, receipt.tsr, receipt.json, chain.pem. */
export const GET = withRole<{ id: string; requestId: string; file: string }>("signed-in", async (_req, { ctx, params }) => {
  const file = receiptPath(params, ["id", "requestId"]);
  const receipt = await getRevocationReceipt(ctx, { requestId: params.requestId, certificateId: params.id });
  return receiptDownload(receipt.files, file, receiptBaseName("revocation", params.requestId));
});
