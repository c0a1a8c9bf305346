import { normaliseSerial } from "../certificate/serial-number";

/** Whether a stored serial (DER hex, maybe with a sign byte) is the serial a reporter typed. */
export function sameSerial(storedHex: string, typed: string): boolean {
  return normaliseSerial(storedHex) === normaliseSerial(typed);
}
