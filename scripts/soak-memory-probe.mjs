// Preloaded into the portal's node processes by scripts/soak.ts (NODE_OPTIONS=--import): every
// SOAK_SAMPLE_MS (10 s) each process appends its own memory figures (RSS and V8 heap, bytes) as a
// JSON line to SOAK_MEMORY_DIR/<pid>.jsonl. Nothing else; never loaded outside a soak run.
import { appendFileSync } from "node:fs";
import path from "node:path";

const dir = process.env.SOAK_MEMORY_DIR;
if (dir) {
  const file = path.join(dir, `${process.pid}.jsonl`);
  const sample = () => {
    const m = process.memoryUsage();
    try {
      appendFileSync(file, JSON.stringify({ t: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, argv: process.argv.slice(1, 3).join(" ") }) + "\n");
    } catch {
      // The folder went away: the soak is over.
    }
  };
  sample();
  setInterval(sample, Number(process.env.SOAK_SAMPLE_MS || 10_000)).unref();
}
