// The listener's session handling, with a fake session: reconnection with backoff, one sweep after
// a loss (not at the first start), announcements one at a time without duplicates, and close.
import { describe, expect, it } from "vitest";
import { runStatusListener, type AnnouncementHandlers } from "@/server/ca-service/internal/status-listener";

const tick = () => new Promise((r) => setTimeout(r, 5));

function fakeServer(failFirst = 0) {
  const sessions: { handlers: AnnouncementHandlers; ended: boolean }[] = [];
  let attempts = 0;
  return {
    sessions,
    attempts: () => attempts,
    async connect(handlers: AnnouncementHandlers) {
      attempts++;
      if (attempts <= failFirst) throw new Error("connection refused");
      const s = { handlers, ended: false };
      sessions.push(s);
      return {
        end: async () => {
          s.ended = true;
          handlers.onLost();
        },
      };
    },
  };
}

describe("runStatusListener", () => {
  it("handles announcements in order, one at a time, a waiting duplicate once", async () => {
    const server = fakeServer();
    const handled: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const l = runStatusListener({
      connect: server.connect,
      async onAnnounced(p) {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await tick();
        handled.push(p);
        running--;
      },
      onResumed: async () => expect.fail("no loss, no sweep"),
      onError: () => undefined,
      delayMs: () => 1,
    });
    await l.ready;
    expect(l.listening()).toBe(true);
    const h = server.sessions[0]!.handlers;
    for (const p of ["ca/1", "ca/2", "ca/2", "ca/3"]) h.onPayload(p);
    while (handled.length < 3) await tick();
    await tick();
    expect(handled).toEqual(["ca/1", "ca/2", "ca/3"]);
    expect(maxRunning).toBe(1);
    await l.close();
    expect(server.sessions[0]!.ended).toBe(true);
    expect(l.listening()).toBe(false);
  });

  it("reconnects after a loss and after failed attempts, and sweeps once each time it is back", async () => {
    const server = fakeServer(2);
    const errors: string[] = [];
    let resumed = 0;
    const l = runStatusListener({
      connect: server.connect,
      onAnnounced: async () => undefined,
      onResumed: async () => {
        resumed++;
      },
      onError: (what) => errors.push(what),
      delayMs: () => 1,
    });
    await l.ready; // the first attempt failed: ready anyway, retrying behind
    while (server.sessions.length < 1) await tick();
    expect(errors).toEqual(["connect", "connect"]);
    expect(resumed).toBe(1); // it was not listening for a while: sweep
    server.sessions[0]!.handlers.onLost(new Error("terminated"));
    while (server.sessions.length < 2) await tick();
    await tick();
    expect(resumed).toBe(2);
    expect(errors).toEqual(["connect", "connect", "lost"]);
    await l.close();
    const attempts = server.attempts();
    await new Promise((r) => setTimeout(r, 30));
    expect(server.attempts()).toBe(attempts); // closed: no more attempts
  });
});
