// The table bench:portal ends with: each figure, its reference from the same run, the ratio, the
// issue's target and PASS/MISS (skipped when it could not be measured, info when it has no target).
import os from "node:os";
import type { LoadResult } from "./load";

export type Verdict = "PASS" | "MISS" | "info" | "skipped";
export type Row = { what: string; ours: string; reference: string; ratio: string; target: string; verdict: Verdict };

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const failed = (r: LoadResult) => (r.failures ? ` (${fmt(r.failures)} failed of ${fmt(r.total + r.failures)})` : "");
export const figure = (r: LoadResult) =>
  r.total === 0 && r.failures === 0 ? "no answer within the run" : `${fmt(r.rps)} req/s p50 ${fmt(r.p50)} p99 ${fmt(r.p99)} ms${failed(r)}`;

export function noise(): string {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return `load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} on ${os.availableParallelism()} cores`;
}

const widths = { what: 0, ours: 0, reference: 0, ratio: 0, target: 0 };

export function printTable(rows: Row[]): void {
  const header: Row = { what: "what", ours: "portal (npm start)", reference: "reference, same run", ratio: "ratio", target: "target", verdict: "PASS" };
  const all = [header, ...rows];
  for (const k of Object.keys(widths) as (keyof typeof widths)[]) widths[k] = Math.max(...all.map((r) => r[k].length));
  const line = (r: Row, verdict: string) =>
    `${r.what.padEnd(widths.what)}  ${r.ours.padEnd(widths.ours)}  ${r.reference.padEnd(widths.reference)}  ${r.ratio.padStart(widths.ratio)}  ${r.target.padEnd(widths.target)}  ${verdict}`;
  console.log(line(header, "verdict"));
  console.log("-".repeat(line(header, "verdict").length));
  for (const r of rows) console.log(line(r, r.verdict));
}

/** A load figure beside its reference: ratio as a multiple (OCSP) or a percentage (pages). */
export function ratioRow(what: string, ours: LoadResult, ref: LoadResult, refName: string, kind: "x" | "%", target: string, pass: boolean): Row {
  const r = ref.rps > 0 ? ours.rps / ref.rps : 0;
  return {
    what,
    ours: figure(ours),
    reference: `${refName} ${ref.total === 0 && ref.failures === 0 ? "no answer" : `${fmt(ref.rps)} req/s p99 ${fmt(ref.p99)} ms${failed(ref)}`}`,
    ratio: kind === "x" ? `${fmt(r, 1)}x` : `${fmt(100 * r)}%`,
    target,
    // A figure with failed requests (non-2xx, errors, timeouts) proves nothing, however fast.
    verdict: ours.failures === 0 && ref.failures === 0 && ours.total > 0 && ref.total > 0 && pass ? "PASS" : "MISS",
  };
}

export function skippedRow(what: string, why: string, target = ""): Row {
  return { what, ours: `skipped: ${why}`, reference: "", ratio: "", target, verdict: "skipped" };
}
