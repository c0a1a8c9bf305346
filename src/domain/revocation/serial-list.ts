/**
 * A pasted list of certificate serials for a batch revocation: one per line (commas, semicolons
 * and blanks separate too), hex as tools print it ("0x", colons, spaces, upper case and leading
 * zeros allowed). Bounded so a paste cannot make the server work without end.
 */
export const MAX_BATCH_SERIAL_LINES = 10_000;
/** Longer than any serial (20 octets = 40 hex digits, with separators): refused as a line. */
const MAX_LINE = 120;

export interface SerialList {
  /** Normalised serials (lower-case hex without leading zeros), each once, in the order given. */
  serials: string[];
  /** Lines that are no serial, as typed (cut to MAX_LINE), for the page to list back. */
  invalid: string[];
  /** How many non-empty lines were read. */
  lines: number;
}

export type SerialListResult = { ok: true; list: SerialList } | { ok: false; reason: "TOO_MANY_LINES" | "EMPTY" };

/** One serial normalised, or null when it is no serial. */
export function normaliseBatchSerial(raw: string): string | null {
  if (raw.length > MAX_LINE) return null;
  const hex = raw.trim().toLowerCase().replace(/^0x/, "").replace(/[\s:]/g, "");
  if (!/^[0-9a-f]{1,80}$/.test(hex)) return null;
  const stripped = hex.replace(/^0+/, "") || "0";
  return stripped.length > 40 ? null : stripped;
}

/** The stored forms a normalised serial may have (a DER sign byte, an odd length padded). */
export function storedSerialForms(serial: string): string[] {
  return [serial, `0${serial}`, `00${serial}`];
}

export function parseSerialList(text: string): SerialListResult {
  const items = text.split(/[\r\n,;]+/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (items.length === 0) return { ok: false, reason: "EMPTY" };
  if (items.length > MAX_BATCH_SERIAL_LINES) return { ok: false, reason: "TOO_MANY_LINES" };
  const seen = new Set<string>();
  const invalid: string[] = [];
  for (const line of items) {
    const s = normaliseBatchSerial(line);
    if (s === null) invalid.push(line.slice(0, MAX_LINE));
    else seen.add(s);
  }
  return { ok: true, list: { serials: [...seen], invalid, lines: items.length } };
}
