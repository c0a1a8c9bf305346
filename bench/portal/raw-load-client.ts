// The lean load client of bench:portal's OCSP figures: plain TCP sockets that send prepared request
// bytes and read just enough of each answer (status line, Content-Length, body) to count it, the way
// native load tools such as wrk do. Why not node:http: its client builds a request object, a parser
// and an agent entry per request and used 80-92% of a core at the figures measured, on a machine of
// two cores where the server under test needs the other one; the client, not the server, set the pace.
// This one does a fraction of that work, so more of the machine goes to the servers being compared.
// Keep-alive when the server keeps the connection (the portal); a new connection per request when it
// closes it after answering (`openssl ocsp` speaks HTTP/1.0 and does), as a real client would.
import net from "node:net";
import type { LoadJob, LoadResult } from "./load";

const CRLF2 = Buffer.from("\r\n\r\n");

/** The request as bytes, once: an HTTP/1.1 request line, Host, the job's headers, Content-Length and the body. */
function requestBytes(job: LoadJob, target: URL): Buffer {
  const body = job.bodyBase64 === undefined ? Buffer.alloc(0) : Buffer.from(job.bodyBase64, "base64");
  const lines = [`${job.method} ${target.pathname}${target.search} HTTP/1.1`, `host: ${target.host}`, "connection: keep-alive"];
  for (const [k, v] of Object.entries(job.headers)) lines.push(`${k}: ${v}`);
  if (job.method === "POST") lines.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body]);
}

type Head = { status: number; length: number; close: boolean; headerEnd: number };

/** The answer's head once it has all arrived; undefined before. Only what counting needs is read. */
function parseHead(buf: Buffer): Head | undefined {
  const end = buf.indexOf(CRLF2);
  if (end < 0) return undefined;
  const head = buf.toString("latin1", 0, end);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const http10 = head.startsWith("HTTP/1.0");
  const close = /\r\nconnection:\s*close/i.test(head) || (http10 && !/\r\nconnection:\s*keep-alive/i.test(head));
  return { status, length: length ? Number(length[1]) : -1, close, headerEnd: end + 4 };
}

export function runRaw(job: LoadJob, seconds: number): Promise<LoadResult> {
  const target = new URL(job.url);
  const bytes = requestBytes(job, target);
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  // A server that stops answering must not hang the bench: whatever is open 10 s past the end is cut.
  const sockets = new Set<net.Socket>();
  const cut = setTimeout(() => sockets.forEach((s) => s.destroy()), seconds * 1000 + 10_000);
  const connection = () =>
    new Promise<void>((done) => {
      let socket: net.Socket;
      let buf: Buffer = Buffer.alloc(0);
      let head: Head | undefined;
      let sentAt = 0;
      let waiting = false;
      const send = () => {
        sentAt = performance.now();
        waiting = true;
        socket.write(bytes);
      };
      const open = () => {
        buf = Buffer.alloc(0);
        head = undefined;
        socket = net.connect({ host: target.hostname, port: Number(target.port), noDelay: true });
        socket.on("connect", send);
        socket.on("data", onData);
        socket.on("error", () => undefined);
        socket.on("close", onClose);
        sockets.add(socket);
      };
      // One answer complete: counted, then the next request on this socket, or on a new one if the server closes.
      const complete = () => {
        waiting = false;
        if (head!.status >= 200 && head!.status < 300) latencies.push(performance.now() - sentAt);
        else failures++;
        const close = head!.close;
        buf = buf.subarray(head!.headerEnd + Math.max(0, head!.length));
        head = undefined;
        if (performance.now() >= deadline) {
          socket.destroy();
          return;
        }
        if (close) socket.end();
        else send();
      };
      const onData = (chunk: Buffer) => {
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        head ??= parseHead(buf);
        if (head && head.length >= 0 && buf.length >= head.headerEnd + head.length) complete();
      };
      const onClose = () => {
        sockets.delete(socket);
        // An answer without Content-Length ends with the connection; any other close while waiting is a failure.
        if (waiting && head && head.length < 0) complete();
        else if (waiting) {
          waiting = false;
          failures++;
        }
        if (performance.now() < deadline) open();
        else done();
      };
      open();
    });
  return Promise.all(Array.from({ length: job.connections }, connection)).then(() => {
    clearTimeout(cut);
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), failures, total: latencies.length, clientCpuShare: 0 };
  });
}
