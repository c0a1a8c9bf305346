// Keep-alive HTTP load for bench:portal (autocannon): one warm-up, then one timed run per target.
// Every figure is printed beside a reference measured with the same client in the same run.
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
