import { servePki, toResponse } from "@/server/ca-service/pki-http";

export const dynamic = "force-dynamic";

/** OCSP over GET (RFC 5019): the base64 request is the rest of the path ("/" inside base64 splits it). */
export async function GET(req: Request, { params }: { params: Promise<{ request: string[] }> }): Promise<Response> {
  const ifNoneMatch = req.headers.get("if-none-match") ?? undefined;
  return toResponse(await servePki({ kind: "ocsp", request: (await params).request.join("/"), ifNoneMatch }));
}
