/*
 * The one check for a return address taken from the client (sign-in's callbackUrl, the path a
 * guard sends a visitor back to after sign-in). Only a path on this portal passes; anything a
 * browser could read as another host does not.
 *
 * Browsers are lenient in ways a prefix check misses: they drop tabs and line breaks anywhere in
 * a URL ("/\t/evil.example" becomes "//evil.example", a host), treat "\" as "/" ("/\evil.example"),
 * and trim leading and trailing control characters and spaces. Percent-encoded forms of the same
 * ("/%2F/evil.example", "/%5Cevil.example", "%09") are refused too, since some layer between us
 * and the browser may decode them once.
 */

const BASE = "http://portal.invalid";
/** A return path longer than this is not one of ours. */
const MAX_LENGTH = 2_000;
/** Control characters, whitespace of any kind and the backslash: never in a path we hand out. */
const UNSAFE_CHARS = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;

/** True when `path` is a same-origin path (see above): "/", "/x", "/x?y=z#w". */
export function isSafeReturnPath(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return false;
  let text = value;
  // Decode a few times so double-encoded variants are judged as what they may become.
  for (let round = 0; round < 4; round += 1) {
    if (!safeLiteral(text, round > 0)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return false; // malformed percent-encoding
    }
    if (decoded === text) return sameOrigin(value);
    text = decoded;
  }
  return false; // still changing after four decodings: no honest path is encoded that deep
}

/** A decoded form may hold a plain space (an encoded search term); the value as sent may not. */
function safeLiteral(text: string, decoded: boolean): boolean {
  const checked = decoded ? text.replaceAll(" ", "") : text;
  return text.startsWith("/") && !text.startsWith("//") && !UNSAFE_CHARS.test(checked);
}

/** The URL parser's own verdict, the last word: same origin, and it did not rewrite the path's start. */
function sameOrigin(value: string): boolean {
  try {
    const url = new URL(value, BASE);
    return url.origin === BASE && url.pathname.startsWith("/") && !url.pathname.startsWith("//");
  } catch {
    return false;
  }
}

/** The value when it is a safe return path (isSafeReturnPath), else `fallback`. */
export function safeReturnPath(value: unknown, fallback = "/dashboard"): string {
  return isSafeReturnPath(value) ? value : fallback;
}
