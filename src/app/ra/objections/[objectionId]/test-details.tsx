import { getTranslations } from "next-intl/server";
import { SERVER_CHECKS } from "@/server/certificate/server-check";

/** Values the test page (keySource) and the server (serverCheck) write into a test result, each with a sentence of its own. */
const KNOWN_VALUES: Record<string, readonly string[]> = {
  keySource: ["none", "indexeddb", "pkcs12-file"],
  serverCheck: SERVER_CHECKS,
};
const KNOWN_KEYS = ["keySource", "serverCheck", "pkcs12Reader", "fieldsShown", "shownSerial", "challengeNonce", "sealDocumentId", "sealImageSha256", "format", "preparedAt", "timestampedAt", "timestampSerialHex", "pdfSha256", "cmsSha256"];

/**
 * What a certificate test run found, in words: where the key came from and what the server's own
 * check said come first (they are the reason a test failed); the technical leftovers (nonce,
 * hashes) follow under their names. Never the JSON itself.
 */
export async function TestDetails({ details, compact = false }: { details: Record<string, unknown>; compact?: boolean }) {
  const t = await getTranslations("console.objection.details");
  const entries = Object.entries(details).filter(([, v]) => v !== null && v !== undefined && v !== "");
  if (entries.length === 0) return <span className="text-slate-600">{t("nothing")}</span>;
  const order = (k: string) => (KNOWN_KEYS.includes(k) ? KNOWN_KEYS.indexOf(k) : KNOWN_KEYS.length);
  const shown = entries.sort(([a], [b]) => order(a) - order(b)).filter(([k]) => !compact || k === "keySource" || k === "serverCheck");
  const say = (k: string, v: unknown) => {
    const text = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : Array.isArray(v) ? v.join(", ") : t("structured");
    return KNOWN_VALUES[k]?.includes(text) ? t(`values.${k}.${text}`) : text;
  };
  if (compact) return <span>{shown.map(([k, v]) => say(k, v)).join(" · ") || "—"}</span>;
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]" data-testid="test-details">
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-600">{KNOWN_KEYS.includes(k) ? t(`keys.${k}`) : k}</dt>
          <dd className="break-all" data-key={k} data-value={typeof v === "string" ? v : undefined}>{say(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}
