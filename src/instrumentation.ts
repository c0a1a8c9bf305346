/**
 * Start-up of the server process: database, migrations, secret, seeds, demo accounts, mail worker.
 * Only in the Node.js runtime, and not while `next build` prerenders (no database at build time).
 */
export async function register(): Promise<void> {
  // Next's own build-time variables, inlined per runtime bundle (so the edge bundle drops the
  // import below); the portal's settings are read in src/config/settings.ts.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { start } = await import("./server/bootstrap/start");
  await start();
}
