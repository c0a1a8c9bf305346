import { withRole } from "@/server/web/guards";
import { isCaAdmin } from "@/server/auth/roles";
import { getRecoveredKeyEnvelope } from "@/server/approval";

/**
 * A recovered encryption key, as the requester hands it to the court or authority: the DER
 * SM2EnvelopedKey that only the recipient's private key opens. getRecoveredKeyEnvelope decides who
 * may (the requester of an executed KEY_RECOVERY) and audits each download.
 */
export const GET = withRole<{ id: string }>(isCaAdmin, async (_req, { ctx, params }) => {
  const r = await getRecoveredKeyEnvelope(ctx, { id: params.id });
  return new Response(new Uint8Array(r.der), {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(r.der.length),
      "content-disposition": `attachment; filename="${r.fileName}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store, private",
    },
  });
});
