// The load clients of bench:portal (node:http keep-alive, or raw sockets: raw-load-client.ts), run as its own process (forked by
// measureInClientProcess in load.ts): with the client in the bench's process, its event loop, timers and
// garbage were the bench's too, and whatever else that process did showed up as the server's
// slowness. Here it does one thing: receives a job over IPC, loads the target, sends the figures back.
import http from "node:http";
import type { LoadJob, LoadResult } from "./load";
import { runRaw } from "./raw-load-client";

async function run(job: LoadJob, seconds: number): Promise<LoadResult> {
  const target = new URL(job.url);
  const body = job.bodyBase64 === undefined ? undefined : Buffer.from(job.bodyBase64, "base64");
  const headers = { ...job.headers, ...(body ? { "content-length": String(body.length) } : {}) };
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const latencies: number[] = [];
  let failures = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      const r = http.request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: job.method, agent, headers, timeout: 10_000 }, (res) => {
        res.resume();
        res.on("end", () => {
          // Only 2xx counts: a server that answers errors fast is no figure.
          if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - t);
          else failures++;
          resolve();
        });
      });
      r.on("error", () => {
        failures++;
        resolve();
      });
      r.end(body);
    });
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), failures, total: latencies.length, clientCpuShare: 0 };
}

process.on("message", (job: LoadJob) => {
  void (async () => {
    const measure = job.client === "raw" ? runRaw : run;
    if (job.warmupSeconds > 0) await measure(job, job.warmupSeconds);
    // The client's own CPU over the timed run, as a share of one core: near 1.0 means the client,
    // not the server, set the pace, and the figure says less about the server.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await measure(job, job.seconds);
    const cpu = process.cpuUsage(cpu0);
    result.clientCpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - t0);
    process.send!(result, () => process.exit(0));
  })();
});
