/**
 * The key algorithms the server generates a key with (clause 1.3), as codes; the form offers them in
 * this order and the first is the default. Labels come from keyAlgorithmName, not a second table.
 */
export const SERVER_KEY_ALGORITHMS = ["EC-P256", "RSA-2048", "RSA-3072"] as const;
export type ServerKeyAlgorithm = (typeof SERVER_KEY_ALGORITHMS)[number];
export const DEFAULT_SERVER_KEY_ALGORITHM: ServerKeyAlgorithm = "EC-P256";

export function isServerKeyAlgorithm(code: string): code is ServerKeyAlgorithm {
  return (SERVER_KEY_ALGORITHMS as readonly string[]).includes(code);
}
