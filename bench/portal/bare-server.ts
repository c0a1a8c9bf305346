// A bare node:http server answering every request with the same bytes, started beside the portal
// by bench:portal's OCSP part: what one Node process on this machine can answer under the same
// load client, with nothing between the socket and the answer. Printed as information beside the
// portal's OCSP figures, it says how much of the gap to a target is the portal's own work on a
// request and how much the machine and node:http.
import { startChild, waitForHttp } from "./processes";

const SCRIPT = `
const http = require("node:http");
const body = Buffer.alloc(Number(process.env.BARE_BYTES), 1);
const headers = { "content-type": "application/ocsp-response", "cache-control": "no-store", "content-length": String(body.length) };
http.createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => { res.writeHead(200, headers); res.end(body); });
}).listen(Number(process.env.BARE_PORT), "127.0.0.1");
`;

/** Answers `bytes` bytes (the size of the portal's OCSP answer) on 127.0.0.1:port until stopped. */
export async function startBareServer(port: number, bytes: number) {
  const { child, log } = startChild(process.execPath, ["-e", SCRIPT], { env: { ...process.env, BARE_PORT: String(port), BARE_BYTES: String(bytes) } }, "bare");
  const url = `http://127.0.0.1:${port}/`;
  if (!(await waitForHttp(url, child, 10_000))) throw new Error(`the bare node:http server did not start: ${log()}`);
  return { child, url };
}
