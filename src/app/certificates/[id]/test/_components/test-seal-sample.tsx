/**
 * The sample document of the seal test, with the organisation's seal image placed on it (or a
 * placeholder clearly marked as such when the application has no seal image on file).
 */
const PLACEHOLDER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><circle cx="60" cy="60" r="54" fill="none" stroke="#b91c1c" stroke-width="6" stroke-dasharray="8 6"/><text x="60" y="66" text-anchor="middle" font-size="16" fill="#b91c1c">PLACEHOLDER</text></svg>';

export const PLACEHOLDER_SEAL_URL = `data:image/svg+xml;base64,${typeof btoa === "function" ? btoa(PLACEHOLDER_SVG) : Buffer.from(PLACEHOLDER_SVG).toString("base64")}`;

export function SealSample({
  image,
  serial,
  subject,
  labels,
}: {
  image: string | null;
  serial: string;
  subject: string;
  labels: { sampleTitle: string; sampleText: string; sealAlt: string; placeholder: string };
}) {
  return (
    <figure className="relative rounded-md border border-slate-300 bg-white p-4 text-sm shadow-sm" data-testid="seal-sample" data-seal-source={image ? "application" : "placeholder"}>
      <figcaption className="mb-2 font-semibold">{labels.sampleTitle}</figcaption>
      <p>{labels.sampleText}</p>
      <p className="mt-1 break-all text-slate-600">{subject}</p>
      <p className="break-all font-mono text-slate-600">{serial}</p>
      <div className="mt-3 flex items-center justify-end gap-2">
        {image ? null : <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{labels.placeholder}</span>}
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing for the image optimiser */}
        <img src={image ?? PLACEHOLDER_SEAL_URL} alt={image ? labels.sealAlt : labels.placeholder} width={96} height={96} className="size-24 object-contain opacity-90" />
      </div>
    </figure>
  );
}
