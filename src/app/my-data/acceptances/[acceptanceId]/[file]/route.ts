import { withRole } from "@/server/web/guards";
import { receiptDownload, receiptPath } from "@/server/web/receipt-download";
import { getAcceptanceReceipt } from "@/server/certificate/get-acceptance-receipt";

export const dynamic = "force-dynamic";

/** One of my agreement acceptances as files openssl reads: receipt.p7s, receipt.tsr, receipt.json, chain.pem (404 for anyone else's). */
export const GET = withRole<{ acceptanceId: string; file: string }>("signed-in", async (_req, { ctx, params }) => {
  const file = receiptPath(params, ["acceptanceId"]);
  const receipt = await getAcceptanceReceipt(ctx, { acceptanceId: params.acceptanceId });
  return receiptDownload(receipt, file, receipt.fileBaseName);
});
