/**
 * Which key the browser makes for a profile, read from the profile's allowed key algorithms (the
 * strings in CertificateProfile.allowedKeyAlgorithms): an SM2 profile allows "SM2" only and gets
 * an SM2 key; every other profile gets P-256, as before. Kept apart from browser-key.ts so a page
 * can name the algorithm without loading the key code.
 */
export type BrowserKeyAlgorithm = "EC-P256" | "SM2";

export function browserKeyAlgorithmFor(allowedKeyAlgorithms: readonly string[] | undefined): BrowserKeyAlgorithm {
  const allowed = allowedKeyAlgorithms ?? [];
  return allowed.includes("SM2") && !allowed.includes("EC-P256") ? "SM2" : "EC-P256";
}
