import { readTsaBody, servePki, toResponse } from "@/server/ca-service/pki-http";

export const dynamic = "force-dynamic";

/** RFC 3161 timestamps over HTTP: POST application/timestamp-query. */
export async function POST(req: Request): Promise<Response> {
  return toResponse(await servePki({ kind: "tsa", body: await readTsaBody(req), contentType: req.headers.get("content-type") }));
}
