// Runs one parser's fuzz batch: every generated input through the function the route handler
// calls, each outcome classified by the caller (an unexpected one fails the property). Blocking is
// judged per call by its wall time (an upper bound: with the in-process database it includes the
// database's work), re-run when over the bound so that a busy machine does not fail the stage; the
// event loop's longest stall over the batch (monitorEventLoopDelay) is reported alongside.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import fc from "fast-check";
import { isDomainError, toHttpError } from "@/server/core/errors";

/** Per-test timeout of a fuzz batch: 1,000 runs take 3-20 s on a quiet machine, far more on a loaded one. */
export const FUZZ_TIMEOUT_MS = 300_000;
/** At least this many generated inputs per parser (issue 12 item 7). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
/** No call may hold the event loop longer than this (FUZZ_MAX_STALL_MS only to diagnose on a busy machine). */
export const MAX_LOOP_STALL_MS = Number(process.env.FUZZ_MAX_STALL_MS ?? 200);

export interface FuzzReport {
  runs: number;
  outcomes: Record<string, number>;
  /** longest event-loop stall during the batch (ms), input generation included */
  maxLoopDelayMs: number;
  /** slowest single call, wall time including awaited database work (ms) */
  slowestCallMs: number;
  /** what the slowest call was given and answered */
  slowest: string;
  /** calls over MAX_LOOP_STALL_MS in each of three runs (wall time; an upper bound of blocking) */
  blocking: string[];
}

function sizeOf(x: unknown): string {
  if (typeof x === "string" || x instanceof Uint8Array) return `${x.length} bytes`;
  const bytes = (x as { bytes?: unknown } | null)?.bytes;
  return bytes instanceof Uint8Array ? `${bytes.length} bytes` : "?";
}

/**
 * `call` returns a label for what happened (e.g. "verdict:invalid:malformed" or "refused:CSR_INVALID")
 * and throws (failing the run) for anything the route would turn into a 5xx.
 */
export async function fuzz<T>(name: string, input: fc.Arbitrary<T>, call: (input: T) => Promise<string>, runs = FUZZ_RUNS): Promise<FuzzReport> {
  const outcomes: Record<string, number> = {};
  let slowestCallMs = 0;
  let slowest = "";
  const blocking: string[] = [];
  let count = 0;
  const loop = await startStallMeter();
  try {
    await fc.assert(
      fc.asyncProperty(input, async (x) => {
        const timed = async () => {
          const t0 = performance.now();
          const label = await call(x);
          outcomes[label] = (outcomes[label] ?? 0) + 1;
          return { label, ms: performance.now() - t0 };
        };
        let { label, ms } = await timed();
        // A call over the bound is run twice more and judged by its fastest run: on a shared
        // machine the scheduler can stretch any call, but a parser that blocks does so every time.
        for (let i = 0; i < 2 && ms > MAX_LOOP_STALL_MS; i++) ({ label, ms } = await timed().then((r) => (r.ms < ms ? r : { label, ms })));
        if (ms > MAX_LOOP_STALL_MS) blocking.push(`${label}, ${sizeOf(x)}: ${Math.round(ms)} ms`);
        // One request is one turn of the event loop in the server: yield so the meter's timer runs
        // and records how long this call held the loop (an in-process database answers in
        // microtasks, so without this the whole batch would look like one stall). The meter also
        // sees the time fast-check takes to generate the next input: that only makes it stricter.
        await new Promise((resolve) => setImmediate(resolve));
        if (ms > slowestCallMs) {
          slowestCallMs = ms;
          slowest = `${label}, ${sizeOf(x)}`;
        }
        count++;
      }),
      { numRuns: runs, endOnFailure: true },
    );
  } finally {
    await stopStallMeter(loop);
  }
  const report = { runs: count, outcomes, maxLoopDelayMs: Math.round(loop.max / 1e6), slowestCallMs: Math.round(slowestCallMs), slowest, blocking };
  console.log(`fuzz ${name}: ${JSON.stringify(report)}`);
  return report;
}

/**
 * The histogram's timer only measures from its first tick: a block right after enable() would go
 * unseen, so wait for it to tick; and wait a tick at the end so the last call's stall is counted.
 */
export async function startStallMeter(): Promise<IntervalHistogram & { disable(): boolean }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await sleep(50);
  return loop;
}
export async function stopStallMeter(loop: { disable(): boolean }): Promise<void> {
  await sleep(50);
  loop.disable();
}

/**
 * What a route handler would answer for an error thrown by a use case: the domain error's code
 * when its status is below 500, else the run fails (an unexpected exception would be a 500).
 */
export function refusal(e: unknown, allowed: readonly string[]): string {
  if (!isDomainError(e)) throw new Error(`unexpected exception (the route would answer 500): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
  const { status } = toHttpError(e);
  if (status >= 500) throw new Error(`${e.code} would answer ${status}`, { cause: e });
  if (!allowed.includes(e.code)) throw new Error(`unexpected refusal ${e.code} (allowed: ${allowed.join(", ")})`, { cause: e });
  return `refused:${e.code}`;
}
