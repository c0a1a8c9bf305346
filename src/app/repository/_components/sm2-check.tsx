import { getTranslations } from "next-intl/server";
import { SM2_USER_ID } from "@/ca/keys/sm2";

type Ca = { name: string; role: string; algorithm: string; certificateUrl: string };

/**
 * How a relying party checks one of our SM2 certificates (issue 17). OpenSSL 3.0 needs the user ID spelled out, and
 * gives it only to the certificate it is asked about: an intermediate passed with -untrusted is checked with the
 * empty ID and fails. So the commands check the chain one link at a time (issuing CA under the root, then the
 * certificate under the issuing CA with -partial_chain); OpenSSL 3.0 cannot check an SM2 root's self-signature, nor
 * SM2-signed CRLs, OCSP answers and timestamp tokens (no -vfyopt there), which the page says rather than hides.
 */
export async function Sm2Check({ cas }: { cas: Ca[] }) {
  const t = await getTranslations("repositorySm2");
  const root = cas.find((c) => c.role === "ROOT" && c.algorithm === "SM2");
  const issuing = cas.find((c) => c.role === "ISSUING" && c.algorithm === "SM2");
  if (!root || !issuing) return null;
  const lines = [
    `curl -fsSo root-sm2.cer ${root.certificateUrl}`,
    `curl -fsSo issuing-sm2.cer ${issuing.certificateUrl}`,
    "openssl x509 -inform DER -in root-sm2.cer -out root-sm2.pem",
    "openssl x509 -inform DER -in issuing-sm2.cer -out issuing-sm2.pem",
    `openssl verify -vfyopt distid:${SM2_USER_ID} -CAfile root-sm2.pem issuing-sm2.pem`,
    `openssl verify -vfyopt distid:${SM2_USER_ID} -partial_chain -CAfile issuing-sm2.pem my-cert.pem`,
  ];
  return (
    <>
      <p className="text-slate-700">{t("intro")}</p>
      <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">{t("userId")}</dt>
        <dd className="font-mono text-sm" data-testid="sm2-user-id">
          {SM2_USER_ID}
        </dd>
        <dt className="font-medium text-slate-600">{t("algorithms")}</dt>
        <dd>{t("algorithmsValue")}</dd>
      </dl>
      <p className="mt-4 font-medium text-slate-700">{t("opensslHint")}</p>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-sm text-slate-50" tabIndex={0} data-testid="sm2-example">
        {lines.join("\n")}
      </pre>
      <p className="mt-1 text-sm text-slate-700">{t("expect")}</p>
      <p className="mt-2 text-sm text-slate-700">{t("limits")}</p>
    </>
  );
}
