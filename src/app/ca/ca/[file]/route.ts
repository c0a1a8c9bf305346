import { servePki, toResponse } from "@/server/ca-service/pki-http";

export const dynamic = "force-dynamic";

/** CA certificates at the AIA caIssuers URL (/pki/ca/<id>.cer, rewritten here). */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  return toResponse(await servePki({ kind: "ca", file: (await params).file }));
}
