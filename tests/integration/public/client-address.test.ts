// A spoofed X-Forwarded-For changes nothing when no proxy is configured (issue 12 item 3): the
// public certificate query is rate-limited by the address the request meta takes from the headers
// a real request carries (the socket's address, written by scripts/client-address.cjs, and the
// client's own X-Forwarded-For).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "@/server/core";
import { PUBLIC_QUERY_LIMIT } from "@/server/public/rate-limit";
import { queryCertificates } from "@/server/public/query-certificates";
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_PRELOAD, metaFromHeaders } from "@/server/web/internal/request-meta";
import { openWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await openWorld({ ca: false });
  (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_PRELOAD] = true; // as in the served process
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_PRELOAD];
  await w?.close();
});

/** An anonymous request as it reaches a handler: socket address header plus what the client sent. */
function request(socket: string, xff: string | undefined, hops: number): ServiceContext {
  const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: socket, "user-agent": "vitest" });
  if (xff !== undefined) headers.set("x-forwarded-for", xff);
  return { ...w.anonymous(), meta: metaFromHeaders(headers, hops) };
}

async function outcomes(contexts: ServiceContext[]): Promise<string[]> {
  const out: string[] = [];
  for (const ctx of contexts) out.push(await queryCertificates(ctx, { serial: "0a1b2c3d" }).then(() => "ok", (e: { code?: string }) => e.code ?? "error"));
  return out;
}

describe("client address and the public query's rate limit", () => {
  it("without proxies (hops 0): a new X-Forwarded-For on every request does not escape the limit", async () => {
    const n = PUBLIC_QUERY_LIMIT.limit + 3;
    const spoofed = Array.from({ length: n }, (_, i) => request("192.0.2.10", `198.18.${i >> 8}.${i & 255}`, 0));
    const got = await outcomes(spoofed);
    expect(got.slice(0, PUBLIC_QUERY_LIMIT.limit)).toEqual(Array(PUBLIC_QUERY_LIMIT.limit).fill("ok"));
    expect(got.slice(PUBLIC_QUERY_LIMIT.limit)).toEqual(["RATE_LIMITED", "RATE_LIMITED", "RATE_LIMITED"]);
    // the spoofed address was not recorded as anyone's bucket; another socket address is unaffected
    expect(await w.db.prisma.rateLimitBucket.count({ where: { key: { contains: "198.18." } } })).toBe(0);
    expect(await outcomes([request("192.0.2.11", "192.0.2.10", 0)])).toEqual(["ok"]);
  });

  it("with one proxy (hops 1): the address the proxy appended counts, not the socket's (the proxy) nor the client's own entries", async () => {
    const n = PUBLIC_QUERY_LIMIT.limit + 1;
    // behind one proxy at 10.0.0.1, the client 203.0.113.40 sends its own entries to the left
    const viaProxy = Array.from({ length: n }, (_, i) => request("10.0.0.1", `198.18.1.${i}, 203.0.113.40`, 1));
    expect((await outcomes(viaProxy)).at(-1)).toBe("RATE_LIMITED");
    expect(await w.db.prisma.rateLimitBucket.count({ where: { key: { endsWith: ":ip:203.0.113.40" } } })).toBe(1);
    // another client behind the same proxy has its own budget
    expect(await outcomes([request("10.0.0.1", "203.0.113.41", 1)])).toEqual(["ok"]);
    // a request without the header: the proxy's own address
    await outcomes([request("10.0.0.1", undefined, 1)]);
    expect(await w.db.prisma.rateLimitBucket.count({ where: { key: { endsWith: ":ip:10.0.0.1" } } })).toBe(1);
  });
});
