import { describe, expect, it, vi } from "vitest";

// answerOcspNow, the OCSP hot path's synchronous answer: when there is no open database or CA, or
// the responder throws, it answers nothing (undefined) and the request goes the awaited way
// (servePki, which answers 503 and logs); it never throws into the HTTP handler.
const world = vi.hoisted(() => ({ db: undefined as unknown, ca: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<object>()), openedDatabase: () => world.db }));
vi.mock("@/server/ca-service/ca-service", async (importOriginal) => ({ ...(await importOriginal<object>()), openedCaService: () => world.ca }));

const { answerOcspNow } = await import("@/server/ca-service/pki-http");
const { metricsState } = await import("@/server/metrics/internal/registry");

const request = { kind: "ocsp", request: Buffer.from([0x30, 0x00]) } as const;
const withResponder = (answerFromCache: () => unknown) => {
  world.db = { prisma: {} };
  world.ca = { ocsp: { answerFromCache } };
};
const counted = async () => (await metricsState().pkiRequests.get()).values.filter((v) => v.metricName?.endsWith("_count")).reduce((n, v) => n + v.value, 0);

describe("answerOcspNow", () => {
  it("answers nothing without an open database or CA", () => {
    world.db = undefined;
    expect(answerOcspNow(request)).toBeUndefined();
    world.db = { prisma: {} };
    world.ca = undefined;
    expect(answerOcspNow(request)).toBeUndefined();
  });

  it("answers nothing, counts nothing and throws nothing when the responder throws", async () => {
    const before = await counted();
    withResponder(() => {
      throw new Error("broken cache");
    });
    expect(answerOcspNow(request)).toBeUndefined();
    expect(await counted()).toBe(before);
  });

  it("hands on what the responder answers, counted once", async () => {
    const before = await counted();
    withResponder(() => ({ status: 200, headers: { "content-type": "application/ocsp-response" }, body: Buffer.from([1]), outcome: "good" }));
    expect(answerOcspNow(request)).toMatchObject({ status: 200, outcome: "good" });
    expect(await counted()).toBe(before + 1);
  });
});
