import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { getCaService, openedCaService } from "@/server/ca-service/ca-service";

// openedCaService is what the OCSP hot path answers from without waiting: it must never hand out
// a CA that is still opening or failed to open (the request then goes the awaited way).
function fakeDb(findMany: () => Promise<unknown[]>): PrismaClient {
  return { issuingCa: { findMany } } as unknown as PrismaClient;
}

describe("openedCaService", () => {
  it("is nothing for a database whose CA was never asked for", () => {
    expect(openedCaService(fakeDb(async () => []))).toBeUndefined();
  });

  it("is nothing while the CA opens, and nothing after it failed to open", async () => {
    let fail!: (e: Error) => void;
    const db = fakeDb(() => new Promise((_resolve, reject) => (fail = reject)));
    const opening = getCaService(db);
    expect(openedCaService(db)).toBeUndefined();
    fail(new Error("database down"));
    await expect(opening).rejects.toThrow("database down");
    expect(openedCaService(db)).toBeUndefined();
  });

  it("is nothing for a database without a CA hierarchy (the open refuses)", async () => {
    const db = fakeDb(async () => []);
    await expect(getCaService(db)).rejects.toThrow(/no CA hierarchy/);
    expect(openedCaService(db)).toBeUndefined();
  });
});
