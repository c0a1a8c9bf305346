// The one listening session both listeners run on (src/db/listening-session.ts), with a scripted
// connector instead of a server: the backoff it waits between attempts, listening / not listening as
// the session comes and goes, payloads only while open, and nothing more once closed.
import { describe, expect, it } from "vitest";
import { keepListening, postgresListenConnector, reconnectDelayMs, type ListenHandlers } from "@/db";

const settle = () => new Promise((r) => setTimeout(r, 5));

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; !ok(); i++) {
    if (i > 400) throw new Error("timed out");
    await settle();
  }
}

/** Answers attempt n with outcomes[n] ("fail" or "open"), then opens every further one. */
function scriptedConnector(outcomes: ("fail" | "open")[]) {
  const open: ListenHandlers[] = [];
  let ended = 0;
  let calls = 0;
  const connect = async (handlers: ListenHandlers) => {
    const outcome = outcomes[calls++] ?? "open";
    if (outcome === "fail") throw new Error(`refused #${calls}`);
    open.push(handlers);
    return {
      async end() {
        ended++;
        handlers.onLost();
      },
    };
  };
  return { connect, open, calls: () => calls, ended: () => ended };
}

describe("reconnectDelayMs", () => {
  it("doubles from a quarter second and stays at 15 s", () => {
    expect([0, 1, 2, 3, 4, 5].map(reconnectDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 8000]);
    expect(reconnectDelayMs(6)).toBe(15_000);
    expect(reconnectDelayMs(1_000)).toBe(15_000);
    expect(reconnectDelayMs(-1)).toBe(250);
  });
});

describe("keepListening", () => {
  it("backs off over failed attempts, starts again from the first step after a loss, and reports each change of state", async () => {
    const server = scriptedConnector(["fail", "fail", "fail"]);
    const waits: number[] = [];
    const events: string[] = [];
    const payloads: string[] = [];
    const kept = keepListening({
      connect: server.connect,
      onPayload: (p) => payloads.push(p),
      onListening: (resumed) => void events.push(resumed ? "resumed" : "listening"),
      onNotListening: () => events.push("not listening"),
      onError: (what) => events.push(what),
      delayMs: (n) => {
        waits.push(n);
        return 1;
      },
    });
    await kept.ready;
    await until(() => kept.listening());
    expect(waits).toEqual([0, 1, 2]);
    expect(events).toEqual(["connect", "connect", "connect", "resumed"]);

    server.open[0]!.onPayload("a");
    server.open[0]!.onLost(new Error("terminated"));
    expect(kept.listening()).toBe(false);
    await until(() => server.open.length === 2 && kept.listening());
    expect(waits).toEqual([0, 1, 2, 0]);
    expect(events).toEqual(["connect", "connect", "connect", "resumed", "lost", "not listening", "resumed"]);

    await kept.close();
    expect(server.ended()).toBe(1);
    expect(kept.listening()).toBe(false);
    expect(events.at(-1)).toBe("not listening");
    // A late notification from the ended session and the passing of time change nothing.
    server.open[1]!.onPayload("late");
    const calls = server.calls();
    await settle();
    await settle();
    expect(server.calls()).toBe(calls);
    expect(payloads).toEqual(["a"]);
  });

  it("is listening from the first attempt without a resume, and a clean end is no error", async () => {
    const server = scriptedConnector([]);
    const events: string[] = [];
    const kept = keepListening({
      connect: server.connect,
      onPayload: () => undefined,
      onListening: (resumed) => void events.push(`listening resumed=${resumed}`),
      onError: (what) => events.push(what),
      delayMs: () => 1,
    });
    await kept.ready;
    await until(() => events.length > 0);
    expect(events).toEqual(["listening resumed=false"]);
    await kept.close();
    expect(events).toEqual(["listening resumed=false"]);
  });

  it("ends a session that opens after close was called", async () => {
    let finish!: () => void;
    let ended = false;
    const kept = keepListening({
      connect: (handlers) =>
        new Promise((resolve) => {
          finish = () =>
            resolve({
              end: async () => {
                ended = true;
                handlers.onLost();
              },
            });
        }),
      onPayload: () => undefined,
      onError: () => expect.fail("no error"),
    });
    const closing = kept.close();
    finish();
    await closing;
    expect(ended).toBe(true);
  });
});

describe("postgresListenConnector", () => {
  it("takes only a plain channel name (LISTEN gets an identifier, not a parameter)", () => {
    expect(() => postgresListenConnector("postgres://x", "certificate_status", "t")).not.toThrow();
    expect(() => postgresListenConnector("postgres://x", "x; DROP TABLE y", "t")).toThrow(/channel/);
  });
});
