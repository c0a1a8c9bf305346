import { readOcspBody, servePki, toResponse } from "@/server/ca-service/pki-http";

export const dynamic = "force-dynamic";

/** OCSP over POST (RFC 6960), body application/ocsp-request. */
export async function POST(req: Request): Promise<Response> {
  return toResponse(await servePki({ kind: "ocsp", request: await readOcspBody(req) }));
}
