import { servePki, toResponse } from "@/server/ca-service/pki-http";

export const dynamic = "force-dynamic";

/** CRL shards at the certificates' CRL distribution points (/pki/crl/<caId>/<shard>.crl). */
export async function GET(_req: Request, { params }: { params: Promise<{ caId: string; file: string }> }): Promise<Response> {
  const { caId, file } = await params;
  return toResponse(await servePki({ kind: "crl", caId, file }));
}
