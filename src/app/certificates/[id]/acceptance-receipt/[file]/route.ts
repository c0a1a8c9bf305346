import { withRole } from "@/server/web/guards";
import { receiptDownload, receiptPath } from "@/server/web/receipt-download";
import { getCertificateAcceptanceReceipt } from "@/server/certificate/get-acceptance-receipt";

export const dynamic = "force-dynamic";

/** The agreement acceptance behind this certificate, as files openssl reads: receipt.p7s, receipt.tsr, receipt.json, chain.pem. */
export const GET = withRole<{ id: string; file: string }>("signed-in", async (_req, { ctx, params }) => {
  const file = receiptPath(params, ["id"]);
  const receipt = await getCertificateAcceptanceReceipt(ctx, { certificateId: params.id });
  return receiptDownload(receipt, file, receipt.fileBaseName);
});
