import type { RequestMeta } from "@/server/core";
import { settings } from "@/config/settings";

/**
 * The TCP peer's address, written on every request by scripts/client-address.cjs (preloaded into
 * `next start` by scripts/start.mjs), which overwrites whatever the client sent under this name:
 * Next gives its handlers a web Request, never the socket.
 */
export const CLIENT_ADDRESS_HEADER = "x-portal-client-ip";

/** Set by the preload in the process it writes the header for; the header is read only then. */
export const CLIENT_ADDRESS_PRELOAD = Symbol.for("portal.client-address-preload");
const preloaded = () => (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_PRELOAD] === true;

const clean = (ip: string | undefined) => (ip ? ip.trim().replace(/^::ffff:/, "").slice(0, 64) || undefined : undefined);

/**
 * The client address. Without proxies (TRUSTED_PROXY_HOPS=0, the default) the socket's address:
 * X-Forwarded-For is the client's to write and is ignored. With N trusted proxies, each appending
 * the address it saw to X-Forwarded-For, the N-th entry from the right (what the outermost trusted
 * proxy saw); entries further left are whatever the client sent. When the header is missing or
 * shorter than N, the socket's address (the nearest proxy). Undefined when neither is known (a
 * process started without the preload, e.g. `next dev`, where the header would be the client's own):
 * such requests share one rate-limit bucket.
 */
export function clientIp(h: Headers, hops = settings().trustedProxyHops): string | undefined {
  const socket = preloaded() ? clean(h.get(CLIENT_ADDRESS_HEADER) ?? undefined) : undefined;
  if (hops <= 0) return socket;
  const parts = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return (parts.length >= hops ? clean(parts[parts.length - hops]) : undefined) ?? socket;
}

export function metaFromHeaders(h: Headers, hops = settings().trustedProxyHops): RequestMeta {
  const ua = h.get("user-agent");
  return { ip: clientIp(h, hops), userAgent: ua ? ua.slice(0, 300) : undefined };
}
