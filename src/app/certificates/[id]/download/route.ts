import { getTranslations } from "next-intl/server";
import { withRole } from "@/server/web/guards";
import { assertSmallForm } from "@/server/web/small-form";
import { downloadCertificate } from "@/server/certificate/download-certificate";

export const dynamic = "force-dynamic";

const FORMATS = {
  pem: { type: "application/x-pem-file", ext: "pem" },
  der: { type: "application/pkix-cert", ext: "cer" },
  chain: { type: "application/x-pem-file", ext: "chain.pem" },
  p7b: { type: "application/pkcs7-mime", ext: "p7b" },
  p12: { type: "application/x-pkcs12", ext: "p12" },
} as const;

/**
 * Certificate downloads (POST: the first download is the receipt of clause 1.7 and starts the
 * test window, so it must not happen on a prefetch). `format` picks the file. Only the `p12`
 * format hands out (and so erases) a server-made PKCS#12; asked for again, it is refused with 410
 * instead of answering some other file under a .p12 name.
 */
export const POST = withRole<{ id: string }>("signed-in", async (req, { ctx, params }) => {
  assertSmallForm(req);
  const form = await req.formData();
  const asked = String(form.get("format") ?? "pem");
  const format: keyof typeof FORMATS = asked in FORMATS ? (asked as keyof typeof FORMATS) : "pem";
  const f = FORMATS[format];
  const r = await downloadCertificate(ctx, { certificateId: params.id, deliverPkcs12: format === "p12" });
  if (format === "p12" && !r.pkcs12) {
    const t = await getTranslations("certificatePage");
    return new Response(t("p12Gone"), { status: 410, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const der = Buffer.from(r.certificatePem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  const body: Uint8Array | string =
    format === "der" ? der : format === "chain" ? r.certificatePem + r.chainPem : format === "p7b" ? r.pkcs7 : format === "p12" && r.pkcs12 ? r.pkcs12 : r.certificatePem;
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  return new Response(bytes, {
    headers: {
      "content-type": f.type,
      "content-disposition": `attachment; filename="certificate-${params.id.slice(0, 8)}.${f.ext}"`,
      "cache-control": "no-store",
    },
  });
});
