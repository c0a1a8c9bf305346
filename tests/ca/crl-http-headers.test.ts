import { describe, expect, it } from "vitest";
import { crlHttpHeaders } from "@/ca/crl/encode-crl";

// A CRL's cache lifetime (issue 16 item 1): max-age bounded by nextUpdate (less a minute) and by an
// hour, and Expires the same instant, so an HTTP/1.0 cache cannot keep it longer than max-age says.
describe("crlHttpHeaders", () => {
  const now = new Date("2026-03-02T02:00:00.400Z");
  it("an hour at most, Expires = now + max-age", () => {
    const h = crlHttpHeaders({ now, nextUpdate: new Date(now.getTime() + 7 * 86_400_000) });
    expect(h["cache-control"]).toBe("public, max-age=3600, no-transform");
    expect(h.expires).toBe(new Date("2026-03-02T03:00:00Z").toUTCString());
  });
  it("near nextUpdate: a minute before it, never past it", () => {
    const h = crlHttpHeaders({ now, nextUpdate: new Date("2026-03-02T02:10:00Z") });
    expect(h["cache-control"]).toBe("public, max-age=539, no-transform");
    expect(Date.parse(h.expires!)).toBeLessThan(Date.parse("2026-03-02T02:10:00Z"));
    expect(crlHttpHeaders({ now, nextUpdate: now })["cache-control"]).toBe("public, max-age=0, no-transform");
  });
});
