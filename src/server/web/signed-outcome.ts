import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/server/core";

/*
 * A console or organisation action comes back to its page with the refusal in the query
 * (?error=...), and the page shows it in a red alert. Without a check anyone could send an
 * officer a link that puts their own words ("call this number") inside a trusted page. So the
 * message travels with an HMAC made from the portal's auth secret, and the banner shows only a
 * message the portal itself wrote. The signature and the message share the one parameter
 * ("<sig>.<message>"), so every page passing ?error= on to its banner keeps working unchanged.
 */

const PURPOSE = "outcome-error\n";

let key: Promise<Buffer> | null = null;

/** A key of its own for this purpose, so the signatures say nothing about the session key. */
function outcomeKey(): Promise<Buffer> {
  key ??= authSecret().then((secret) => Buffer.from(hkdfSync("sha256", secret, "", "portal signed outcome v1", 32)));
  return key;
}

async function signature(message: string): Promise<string> {
  return createHmac("sha256", await outcomeKey()).update(PURPOSE + message, "utf8").digest("base64url");
}

/** The query part "error=<signed message>" for a redirect back to a page with a banner. */
export async function signedErrorQuery(message: string): Promise<string> {
  return `error=${encodeURIComponent(`${await signature(message)}.${message}`)}`;
}

/** The message of a ?error= value when the portal signed it; undefined for anything else. */
export async function verifiedError(value: string | string[] | undefined): Promise<string | undefined> {
  if (typeof value !== "string") return undefined;
  const dot = value.indexOf(".");
  if (dot <= 0) return undefined;
  const given = Buffer.from(value.slice(0, dot), "utf8");
  const message = value.slice(dot + 1);
  const expected = Buffer.from(await signature(message), "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return message || undefined;
}
