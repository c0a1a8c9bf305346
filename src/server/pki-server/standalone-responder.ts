import http from "node:http";
import type { AddressInfo } from "node:net";
import { getDatabase } from "@/db";
import { caOf, listenForStatusChanges, type StatusListener } from "@/server/ca-service";
import { logger } from "@/server/core";
import { handlePkiRequest, LEAN_PATH_HEADER } from "./handle-pki-request";
import { PKI_SECURITY_HEADERS } from "./internal/security-headers";

const log = logger.child({ area: "pki-responder" });

/**
 * How often the responder re-signs its pre-signed OCSP responses that are due (half their
 * validity) or whose certificate changed elsewhere: the portal's "ca.ocsp-refresh" job runs every
 * minute, and a responder that runs no scheduler must do the same, or its answers would expire
 * without traffic. The announcements (LISTEN) bring a revocation sooner; this is the safety net.
 */
export const RESPONDER_REFRESH_INTERVAL_MS = 60_000;

export interface PkiResponderOptions {
  port: number;
  host: string;
  refreshIntervalMs?: number;
}

export interface PkiResponder {
  url: string;
  /** One sweep now (tests; the timer calls the same): how many responses were re-signed. */
  refreshNow(): Promise<number>;
  /** Stops listening, the sweep and the status listener, and waits for answers under way. The database stays open (its owner closes it). */
  close(): Promise<void>;
}

const plain = (res: http.ServerResponse, status: number, body: string) => {
  res.writeHead(status, { ...PKI_SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", [LEAN_PATH_HEADER]: "lean" });
  res.end(body);
};

/**
 * `npm run responder` (scripts/responder.ts): the PKI endpoints alone on their own node:http
 * server, for a validation-authority host beside the portal on the same PostgreSQL. It answers
 * /pki/ocsp, /pki/crl, /pki/ca and /pki/tsa through handlePkiRequest (the very code `npm start`
 * serves them with), GET /pki/health for a load balancer (200 when the database answers and the CA
 * is loaded, else 503), and 404 to everything else: no pages, no sign-in, nothing of a person.
 */
export async function startPkiResponder(opts: PkiResponderOptions): Promise<PkiResponder> {
  const { prisma } = await getDatabase();
  const ca = caOf(prisma);
  // Loaded before the first request, so a missing hierarchy or key shows at start, not as 503s.
  await ca().catch((e: unknown) => log.warn({ err: e instanceof Error ? e.message : String(e) }, "CA not loaded yet: PKI requests answer 503 until it is"));
  const listener: StatusListener = await listenForStatusChanges(prisma);

  const health = async (res: http.ServerResponse) => {
    try {
      await prisma.$queryRaw`SELECT 1`;
      await ca();
      plain(res, 200, "ok\n");
    } catch {
      plain(res, 503, "unavailable\n");
    }
  };
  const server = http.createServer((req, res) => {
    if (req.url === "/pki/health") {
      if (req.method === "GET") void health(res);
      else {
        res.setHeader("allow", "GET");
        plain(res, 405, "method not allowed\n");
      }
      return;
    }
    if (!handlePkiRequest(req, res)) plain(res, 404, "not found\n");
  });
  // Relying parties and CDNs reuse connections; a slow sender is cut off early (the body read has its own limit).
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  let sweeping: Promise<number> | undefined;
  const refreshNow = () =>
    (sweeping ??= ca()
      .then((service) => service.refreshOcspCache())
      .catch((e: unknown) => {
        log.error({ err: e instanceof Error ? e.message : String(e) }, "OCSP refresh failed");
        return 0;
      })
      .finally(() => (sweeping = undefined)));
  const timer = setInterval(() => void refreshNow(), opts.refreshIntervalMs ?? RESPONDER_REFRESH_INTERVAL_MS);
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  log.info({ url }, "PKI responder listening");

  return {
    url,
    refreshNow,
    async close() {
      clearInterval(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Answers take milliseconds; a connection still open after a few seconds is cut.
      const cut = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(cut);
      await sweeping;
      await listener.close();
      // Pre-signed responses recorded beside the answers: written before the database closes.
      await ca()
        .then((service) => service.flushOcspRecords())
        .catch(() => undefined);
    },
  };
}
