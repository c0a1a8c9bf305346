/**
 * A pasted list of certificate serials for a batch revocation: one per line (commas, semicolons
 * and blanks separate too), hex as tools print it ("0x", colons, spaces, upper case and leading
 * zeros allowed). Bounded so a paste cannot make the server work without end.
 */
export const MAX_BATCH_SERIAL_LINES = 10_000;
import { MAX_SERIAL_INPUT, normaliseSerial } from "../certificate/serial-number";


export interface SerialList {
  /** Normalised serials (lower-case hex without leading zeros), each once, in the order given. */
  serials: string[];
  /** Lines that are no serial, as typed (cut to MAX_SERIAL_INPUT), for the page to list back. */
  invalid: string[];
  /** How many non-empty lines were read. */
  lines: number;
}

export type SerialListResult = { ok: true; list: SerialList } | { ok: false; reason: "TOO_MANY_LINES" | "EMPTY" };

export function parseSerialList(text: string): SerialListResult {
  const items = text.split(/[\r\n,;]+/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (items.length === 0) return { ok: false, reason: "EMPTY" };
  if (items.length > MAX_BATCH_SERIAL_LINES) return { ok: false, reason: "TOO_MANY_LINES" };
  const seen = new Set<string>();
  const invalid: string[] = [];
  for (const line of items) {
    const s = normaliseSerial(line);
    if (s === null) invalid.push(line.slice(0, MAX_SERIAL_INPUT));
    else seen.add(s);
  }
  return { ok: true, list: { serials: [...seen], invalid, lines: items.length } };
}
