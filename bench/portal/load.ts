// Keep-alive HTTP load for bench:portal (autocannon): one warm-up, then one timed run per target.
// Every figure is printed beside a reference measured with the same client in the same run.
import http from "node:http";
import autocannon from "autocannon";

export type LoadRequest = { method?: "GET" | "POST"; body?: Buffer; headers?: Record<string, string> };

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  /** Responses that were not 2xx, plus socket errors and timeouts: a page that answers 500 fast is no figure. */
  failures: number;
  /** 2xx answers counted. */
  total: number;
};

async function once(url: string, req: LoadRequest, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    method: req.method ?? "GET",
    ...(req.body ? { body: req.body } : {}),
    headers: req.headers ?? {},
    timeout: 10,
  });
}

/** A warm-up (results dropped: JIT, caches, pre-signed responses) and the measured run. */
export async function measureLoad(url: string, req: LoadRequest, connections: number, seconds: number, warmupSeconds: number): Promise<LoadResult> {
  if (warmupSeconds > 0) await once(url, req, connections, warmupSeconds);
  const r = await once(url, req, connections, seconds);
  const failures = r.non2xx + r.errors + r.timeouts;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failures, total: r["2xx"] };
}

/**
 * The same figures from node:http with a keep-alive agent (the client bench:ca uses). For OCSP both
 * sides go through it: `openssl ocsp` answers HTTP/1.0 and closes each connection, which autocannon
 * counted as errors (16 of 16 in a run) while node:http reconnects and counts the answers.
 */
export async function measureNodeHttp(url: string, req: LoadRequest, connections: number, seconds: number, warmupSeconds: number): Promise<LoadResult> {
  const target = new URL(url);
  const run = async (secs: number): Promise<LoadResult> => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const latencies: number[] = [];
    let failures = 0;
    const one = () =>
      new Promise<void>((resolve) => {
        const t = performance.now();
        const r = http.request(
          { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method ?? "GET", agent, headers: { ...(req.headers ?? {}), ...(req.body ? { "content-length": req.body.length } : {}) }, timeout: 10_000 },
          (res) => {
            res.resume();
            res.on("end", () => {
              if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - t);
              else failures++;
              resolve();
            });
          },
        );
        r.on("error", () => {
          failures++;
          resolve();
        });
        r.end(req.body);
      });
    const start = performance.now();
    const deadline = start + secs * 1000;
    await Promise.all(Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await one();
    }));
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return { rps: latencies.length / ((performance.now() - start) / 1000), p50: at(0.5), p99: at(0.99), failures, total: latencies.length };
  };
  if (warmupSeconds > 0) await run(warmupSeconds);
  return run(seconds);
}
