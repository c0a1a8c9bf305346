import type { RequestMeta } from "@/server/core";
import { settings } from "@/config/settings";

/**
 * The client address as the closest trusted proxy saw it: counted from the right of
 * X-Forwarded-For, because entries to the left are whatever the client chose to send.
 */
export function clientIp(h: Headers, hops = settings().trustedProxyHops): string | undefined {
  const parts = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const ip = parts[parts.length - hops] ?? parts[0];
  return ip ? ip.replace(/^::ffff:/, "").slice(0, 64) : undefined;
}

export function metaFromHeaders(h: Headers): RequestMeta {
  const ua = h.get("user-agent");
  return { ip: clientIp(h), userAgent: ua ? ua.slice(0, 300) : undefined };
}
