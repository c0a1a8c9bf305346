/**
 * Certificate serial numbers as people type or paste them (the public query, a problem report, a
 * batch revocation's list, the CA revocation search): one reading, so that a serial found in one
 * place is found in all.
 */

/** The longest serial input looked at (RFC 5280 allows 20 octets; room for separators and 0x). */
export const MAX_SERIAL_INPUT = 200;

/**
 * One canonical form of a typed serial (any case, colons, spaces, dots or hyphens between the
 * octets, a 0x prefix, leading zeros): lower-case hex without leading zeros ("0" for zero). Null
 * when it is not a hexadecimal number of at most 20 octets.
 */
export function normaliseSerial(raw: string): string | null {
  if (raw.length > MAX_SERIAL_INPUT) return null;
  const hex = raw.trim().toLowerCase().replace(/^0x/, "").replace(/[\s:.-]/g, "");
  if (!/^[0-9a-f]{1,80}$/.test(hex)) return null;
  const stripped = hex.replace(/^0+/, "") || "0";
  return stripped.length > 40 ? null : stripped;
}

/**
 * The forms a normalised serial may be stored in (Certificate.serialHex is the DER integer's
 * octets in hex): as is, padded to whole octets, or with the sign octet DER adds when the high
 * bit is set.
 */
export function storedSerialForms(serial: string): string[] {
  return [serial, `0${serial}`, `00${serial}`];
}
