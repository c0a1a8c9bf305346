/**
 * How the key of an application (and its certificate) was really made, as pages name it (issue 15:
 * "订户自行生成密钥（CSR）" was shown for a key the portal's page made in the browser):
 * BROWSER: the portal's page made it in the subscriber's browser; UPLOADED_CSR: the subscriber
 * made it elsewhere and uploaded the request; SERVER: the server made it into a PKCS#12;
 * SUBSCRIBER_CSR: the subscriber holds it, but how it was made was not recorded (older rows,
 * renewals by request).
 */
export type KeyOrigin = "BROWSER" | "UPLOADED_CSR" | "SERVER" | "SUBSCRIBER_CSR";

export function keyOriginOf(keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12", csrSource: "BROWSER" | "UPLOADED" | null | undefined): KeyOrigin {
  if (keyGeneration === "SERVER_PKCS12") return "SERVER";
  if (csrSource === "BROWSER") return "BROWSER";
  if (csrSource === "UPLOADED") return "UPLOADED_CSR";
  return "SUBSCRIBER_CSR";
}
