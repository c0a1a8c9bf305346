import { describe, expect, it } from "vitest";
import { memoryOcspCache, type PresignedEntry } from "@/ca/ocsp/ocsp-responder";
import { OCSP_REFRESH_BATCH, refreshOcspEntries } from "@/server/ca-service/internal/ocsp-refresh";

// The OCSP sweep over a large cache: it once spread every cached response into Math.min, which
// throws RangeError past ~100k, and asked the database once per certificate.
const T0 = new Date("2026-03-02T02:00:00Z");
const response = (at: Date) => ({ der: Buffer.alloc(1), thisUpdate: at, nextUpdate: new Date(at.getTime() + 86_400_000) });

describe("refreshOcspEntries", () => {
  it("sweeps a cache of 200,000 certificates in batches without throwing, re-signing the changed ones", async () => {
    const cache = memoryOcspCache({ maxEntries: 250_000 });
    for (let i = 0; i < 200_000; i++) {
      const serialHex = i.toString(16).padStart(8, "0");
      cache.set({ issuerId: "issuing-ec", serialHex, responses: { sha1: response(T0), sha256: response(new Date(T0.getTime() + i)) } });
    }
    expect(cache.size()).toBe(200_000);
    const queries: number[] = [];
    const resigned: string[] = [];
    let checked = 0;
    const n = await refreshOcspEntries(cache.entries(), {
      async changedSince(batch, since) {
        queries.push(batch.length);
        expect(since).toEqual(T0); // the oldest signature of the batch
        // every 1000th certificate changed after its responses were signed; one before (no re-sign)
        const changed = new Map<string, Date>();
        for (const e of batch) {
          const i = parseInt(e.serialHex, 16);
          if (i % 1000 === 0) changed.set(`${e.issuerId}/${e.serialHex}`, new Date(T0.getTime() + 1));
        }
        return changed;
      },
      async onStatusChanged(_issuer, serialHex) {
        resigned.push(serialHex);
      },
      async refreshIfDue() {
        checked++;
        return false;
      },
    });
    expect(queries).toHaveLength(200_000 / OCSP_REFRESH_BATCH);
    expect(Math.max(...queries)).toBe(OCSP_REFRESH_BATCH);
    // changedAt T0+1 is after the oldest signature (T0): re-signed, the others only checked for age
    expect(n).toBe(200);
    expect(resigned).toHaveLength(200);
    expect(checked).toBe(200_000 - 200);
  });

  it("the memory cache keeps at most maxEntries, dropping the longest-unsigned first", () => {
    const cache = memoryOcspCache({ maxEntries: 1000 });
    for (let i = 0; i < 1500; i++) cache.set({ issuerId: "a", serialHex: i.toString(16), responses: { sha1: response(T0) } });
    expect(cache.size()).toBe(1000);
    expect(cache.get("a", (499).toString(16))).toBeUndefined();
    expect(cache.get("a", (500).toString(16))).toBeDefined();
    cache.set({ issuerId: "a", serialHex: (600).toString(16), responses: { sha1: response(T0) } }); // re-signed: now the newest
    for (let i = 1500; i <= 1600; i++) cache.set({ issuerId: "a", serialHex: i.toString(16), responses: { sha1: response(T0) } });
    expect(cache.size()).toBe(1000);
    expect(cache.get("a", (599).toString(16))).toBeUndefined();
    expect(cache.get("a", (600).toString(16))).toBeDefined(); // kept: re-signed after 601..1499
    expect(cache.get("a", (601).toString(16))).toBeUndefined();
    expect(cache.get("a", (602).toString(16))).toBeDefined();
  });

  it("asks nothing for entries without responses and counts refreshes by age", async () => {
    const entries: PresignedEntry[] = [
      { issuerId: "a", serialHex: "01", responses: {} },
      { issuerId: "a", serialHex: "02", responses: { sha1: response(T0) } },
    ];
    let queried = 0;
    const n = await refreshOcspEntries(
      entries,
      {
        async changedSince() {
          queried++;
          return new Map();
        },
        onStatusChanged: async () => undefined,
        refreshIfDue: async (e) => e.serialHex === "02",
      },
      1,
    );
    expect(queried).toBe(1);
    expect(n).toBe(1);
  });
});
