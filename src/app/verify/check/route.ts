import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { errorResponse } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { DomainError } from "@/server/core/errors";
import { assertRequestSize } from "@/server/verification/input-limits";
import { renderEvidenceReportHtml } from "@/server/verification/render-evidence-report";
import { verifyCertificateFile } from "@/server/verification/verify-certificate-file";
import { verifySignature } from "@/server/verification/verify-signature";
import { verifyTimestamp } from "@/server/verification/verify-timestamp";

export const dynamic = "force-dynamic";

async function fileBytes(form: FormData, name: string): Promise<Uint8Array | undefined> {
  const v = form.get(name);
  if (!v || typeof v === "string") return undefined;
  if (v.size === 0) return undefined;
  return new Uint8Array(await v.arrayBuffer());
}

/**
 * The verification service's one endpoint (clause 2.3), public: a multipart form with `kind`
 * (certificate | signature | timestamp) and the files. Answers the verdict check by check and the
 * evidence report, as JSON and as the printable HTML the page offers for download.
 */
export async function POST(req: Request): Promise<Response> {
  const lang = catalogLang(await getLocale());
  try {
    assertRequestSize(req.headers.get("content-length"));
    const form = await req.formData();
    const kind = form.get("kind");
    const ctx = await serviceContext();
    const need = async (name: string) => {
      const b = await fileBytes(form, name);
      if (!b) throw new DomainError("VALIDATION_FAILED", { issues: { [name]: ["required"] } });
      return b;
    };
    let result;
    if (kind === "certificate") result = await verifyCertificateFile(ctx, { certificate: await need("certificate") });
    else if (kind === "signature") result = await verifySignature(ctx, { signature: await need("signature"), signedData: await fileBytes(form, "signedData") });
    else if (kind === "timestamp") result = await verifyTimestamp(ctx, { timestampToken: await need("timestampToken"), signedData: await need("signedData") });
    else throw new DomainError("VALIDATION_FAILED", { issues: { kind: ["unknown"] } });
    const { report } = result;
    return Response.json(
      { verdict: report.verdict, report, reportHtml: renderEvidenceReportHtml(report, lang) },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (e) {
    return errorResponse(e, lang);
  }
}
