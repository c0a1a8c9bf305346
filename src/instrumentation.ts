/**
 * Start-up of the server process: database, migrations, secret, seeds, demo accounts, mail worker.
 * Only in the Node.js runtime, and not while `next build` prerenders (no database at build time).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { start } = await import("./server/bootstrap/start");
  await start();
}
