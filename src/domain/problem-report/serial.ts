/** The longest serial we look at (RFC 5280 allows 20 octets; leave room for separators). */
export const MAX_SERIAL_INPUT = 200;

/**
 * A serial number as a reporter may type it (any case, colons, spaces, dots or hyphens between
 * the octets, a 0x prefix, leading zeros) in one canonical form: lower-case hex without leading
 * zeros ("0" for zero). Null when it is not a hexadecimal number of at most 20 octets.
 */
export function normaliseSerial(raw: string): string | null {
  if (raw.length > MAX_SERIAL_INPUT) return null;
  const hex = raw.trim().toLowerCase().replace(/^0x/, "").replace(/[\s:.-]/g, "");
  if (!/^[0-9a-f]{1,80}$/.test(hex)) return null;
  const stripped = hex.replace(/^0+/, "") || "0";
  return stripped.length > 40 ? null : stripped;
}

/** Whether a stored serial (DER hex, maybe with a sign byte) is the serial a reporter typed. */
export function sameSerial(storedHex: string, typed: string): boolean {
  return normaliseSerial(storedHex) === normaliseSerial(typed);
}
