import type { IncomingMessage, ServerResponse } from "node:http";
import { handlePkiRequest } from "./handle-pki-request";

/**
 * Where scripts/pki-fast-path.cjs (preloaded into `next start` by scripts/start.mjs) looks for the
 * handler of /pki/* requests. A global symbol, because the preload is plain CommonJS outside the
 * bundles and the handler lives in Next's server bundle (instrumentation); Symbol.for is shared.
 */
export const PKI_HANDLER_KEY = Symbol.for("portal.pki-handler");

/** True: the handler took the request; false: hand it to Next. A promise of either is also understood (the preload waits for it). */
export type PkiRequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * Called by the bootstrap start once the database is open and the CA hierarchy is in place: from
 * then on the preload answers /pki/* through handlePkiRequest on the portal's own port, and Next
 * sees only the requests it declines. Before this (and in `next dev`, without the preload) Next's
 * route handlers under src/app/ca answer, with the same servePki.
 */
export function registerPkiFastPath(handler: PkiRequestHandler = handlePkiRequest): void {
  (globalThis as { [key: symbol]: unknown })[PKI_HANDLER_KEY] = handler;
}

/** Tests and shutdown: /pki/* goes back to Next. */
export function unregisterPkiFastPath(): void {
  delete (globalThis as { [key: symbol]: unknown })[PKI_HANDLER_KEY];
}
