// Child process: our OCSP responder on loopback, pre-signed responses, keep-alive.
import http from "node:http";
import { createOcspResponder } from "../src/ca/ocsp/ocsp-responder";
import { systemClock } from "../src/ca/clock";
import { openBenchHierarchy } from "./bench-lib";

const [dir, port] = process.argv.slice(2);
const h = await openBenchHierarchy(dir!);
const responder = createOcspResponder({ hierarchy: h, clock: systemClock, status: { statusOf: async () => ({ status: "good" }) } });
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    void responder.handleRequest(Buffer.concat(chunks)).then((out) => res.writeHead(out.status, out.headers).end(out.body));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
