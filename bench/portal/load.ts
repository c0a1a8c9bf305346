// Keep-alive HTTP load for bench:portal (autocannon): one warm-up, then one timed run per target.
// Every figure is printed beside a reference measured with the same client in the same run.
import { fork } from "node:child_process";
import path from "node:path";
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
  /** measureInClientProcess: the load client's CPU over the timed run, as a share of one core (near 1: the client set the pace). */
  clientCpuShare?: number;
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

export type LoadJob = {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  bodyBase64?: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** node: node:http with a keep-alive agent; raw: plain sockets and prepared bytes (raw-load-client.ts). */
  client?: "node" | "raw";
};

/**
 * The same figures from a load client in a process of its own (load-client.ts) started for this
 * one measurement: the client shares no event loop with the bench, and each figure starts from a
 * fresh process (no garbage or sockets of the one before). `client`: node (node:http with a
 * keep-alive agent, the client bench:ca uses) or raw (prepared bytes over plain sockets,
 * raw-load-client.ts). For OCSP both sides go through the same one: `openssl ocsp` answers
 * HTTP/1.0 and closes each connection, which autocannon counted as errors (16 of 16 in a run)
 * while these reconnect and count the answers.
 */
export function measureInClientProcess(url: string, req: LoadRequest, connections: number, seconds: number, warmupSeconds: number, client: "node" | "raw" = "node"): Promise<LoadResult> {
  const job: LoadJob = {
    client,
    url,
    method: req.method ?? "GET",
    headers: req.headers ?? {},
    ...(req.body ? { bodyBase64: req.body.toString("base64") } : {}),
    connections,
    seconds,
    warmupSeconds,
  };
  // tsx as a loader (--import), whatever flags started the bench: the client is TypeScript too.
  const child = fork(path.join(import.meta.dirname, "load-client.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise<LoadResult>((resolve, reject) => {
    let result: LoadResult | undefined;
    child.once("message", (m) => (result = m as LoadResult));
    child.once("error", reject);
    child.once("exit", (code) => (result ? resolve(result) : reject(new Error(`the load client ended (exit ${code}) without figures`))));
    child.send(job);
  });
}
