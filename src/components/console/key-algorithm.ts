/** The one label table for key algorithm codes (console and the portal server-key form): "EC-P256" -> "ECDSA P-256", "RSA-3072" -> "RSA 3072 位" / "RSA 3072-bit". */
export function keyAlgorithmName(code: string, locale: string): string {
  const [family, size] = code.split("-");
  if (family === "EC") return `ECDSA P-${size?.replace(/^P/, "") ?? ""}`;
  if (family === "RSA") return locale === "en" ? `RSA ${size}-bit` : `RSA ${size} 位`;
  return code;
}
