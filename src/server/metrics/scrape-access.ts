import { createHash, timingSafeEqual } from "node:crypto";
import { settings } from "@/config/settings";

/**
 * Who may read /metrics: a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`. Unset
 * METRICS_TOKEN means nobody (the endpoint is off). Not a person's role: no session opens it, and
 * a signed-in administrator gets the same 404 as anyone. The route answers 404 to every refusal,
 * so a scanner cannot tell the endpoint exists. Both sides are hashed first so the comparison
 * takes the same time whatever the length or the first differing byte of the guess.
 */
export function mayScrapeMetrics(authorization: string | null, token: string | undefined = settings().metrics.token): boolean {
  if (!token || !authorization) return false;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!m) return false;
  const given = createHash("sha256").update(m[1]!, "utf8").digest();
  const expected = createHash("sha256").update(token, "utf8").digest();
  return timingSafeEqual(given, expected);
}
