import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/server/core";

/*
 * A console or organisation action comes back to its page with the refusal in the query
 * (?error=...), and the page shows it in a red alert. Without a check anyone could send an
 * officer a link that puts their own words ("call this number") inside a trusted page. So the
 * message travels with an HMAC made from the portal's auth secret, and the banner shows only a
 * message the portal itself wrote, on the page it was written for, for ten minutes: a genuine
 * refusal moved to another page's link, or kept for later, shows nothing. The signature, expiry
 * and message share the one parameter, so every page passing ?error= on to its banner keeps
 * working unchanged; the banner supplies the page (the path src/proxy.ts passes on).
 */

const PURPOSE = "outcome-error v2\n";

/**
 * How long a signed banner stays showable: long enough for the redirect and a reload, short
 * enough that a link copied out of the address bar does not show the refusal for ever.
 */
export const OUTCOME_TTL_MS = 10 * 60 * 1000;

let key: Promise<Buffer> | null = null;

/** A key of its own for this purpose, so the signatures say nothing about the session key. */
function outcomeKey(): Promise<Buffer> {
  key ??= authSecret().then((secret) => Buffer.from(hkdfSync("sha256", secret, "", "portal signed outcome v1", 32)));
  return key;
}

/**
 * The page a banner belongs to: the path only (the query and fragment dropped, no trailing
 * slash), so "/admin/calendar?error=..." and "/admin/calendar/" are the page "/admin/calendar".
 */
export function outcomePage(pathOrUrl: string): string {
  const path = pathOrUrl.split(/[?#]/, 1)[0] ?? "";
  return path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
}

async function signature(page: string, expires: string, message: string): Promise<string> {
  return createHmac("sha256", await outcomeKey()).update(`${PURPOSE}${page}\n${expires}\n${message}`, "utf8").digest("base64url");
}

/**
 * The query part "error=<signed message>" for a redirect back to `page` with a banner: the
 * signature covers the page and an expiry, so the value shows nowhere else and not after
 * OUTCOME_TTL_MS ("<sig>.<expiry, unix seconds in base 36>.<message>").
 */
export async function signedErrorQuery(message: string, page: string, now: number = Date.now()): Promise<string> {
  const expires = Math.floor((now + OUTCOME_TTL_MS) / 1000).toString(36);
  return `error=${encodeURIComponent(`${await signature(outcomePage(page), expires, message)}.${expires}.${message}`)}`;
}

/**
 * The message of a ?error= value when the portal signed it for this page (the path the browser
 * asked for) and it has not expired; undefined for anything else.
 */
export async function verifiedError(value: string | string[] | undefined, page: string, now: number = Date.now()): Promise<string | undefined> {
  if (typeof value !== "string") return undefined;
  const [sig, expires] = value.split(".", 2);
  if (!sig || !expires || !/^[0-9a-z]{1,10}$/.test(expires)) return undefined;
  const message = value.slice(sig.length + expires.length + 2);
  if (parseInt(expires, 36) * 1000 <= now) return undefined;
  const given = Buffer.from(sig, "utf8");
  const expected = Buffer.from(await signature(outcomePage(page), expires, message), "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return message || undefined;
}
