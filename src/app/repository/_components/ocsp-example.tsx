import { getTranslations } from "next-intl/server";

type Ca = { name: string; role: string; algorithm: string; certificateUrl: string };

/**
 * The repository's OpenSSL example, as commands that work when pasted (issue 15: the single
 * `openssl ocsp` line had no -CAfile, so the response's signature could not be checked). The CA
 * certificates are published in DER: they are fetched and turned into one PEM chain (issuing CA,
 * root) for -CAfile; the responder's own certificate comes in the response and chains to them.
 * The issuing CA must be the one named in the subscriber's certificate: one line per key family.
 */
export async function OcspExample({ cas, ocspUrl }: { cas: Ca[]; ocspUrl: string }) {
  const t = await getTranslations("repositoryOcspExample");
  const root = cas.find((c) => c.role === "ROOT");
  const issuing = cas.filter((c) => c.role === "ISSUING");
  if (!root || issuing.length === 0) return null;
  const [first, ...others] = issuing;
  const lines = [
    `curl -fsSo root.cer ${root.certificateUrl}`,
    `curl -fsSo issuer.cer ${first!.certificateUrl}`,
    ...others.map((c) => `# ${t("otherIssuer", { algorithm: c.algorithm })}: curl -fsSo issuer.cer ${c.certificateUrl}`),
    "openssl x509 -inform DER -in root.cer -out root.pem",
    "openssl x509 -inform DER -in issuer.cer -out issuer.pem",
    "cat issuer.pem root.pem > ca-chain.pem",
    `openssl ocsp -issuer issuer.pem -cert my-cert.pem -CAfile ca-chain.pem -url ${ocspUrl} -resp_text`,
  ];
  return (
    <>
      <p className="mt-1 text-sm text-slate-700">{t("intro", { algorithm: first!.algorithm })}</p>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-sm text-slate-50" tabIndex={0} data-testid="ocsp-example">
        {lines.join("\n")}
      </pre>
      <p className="mt-1 text-sm text-slate-700">{t("expect")}</p>
    </>
  );
}
