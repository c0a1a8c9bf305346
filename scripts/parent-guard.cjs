// Preloaded into the `next start` process by scripts/start.mjs. The server runs in its own process group
// so that a Ctrl-C or a group-wide signal reaches it exactly once (through start.mjs): a second signal
// during the database close would kill it half-way. The price is that it would outlive a start.mjs that
// was killed hard; the IPC channel closing tells it so, and it ends the same hard way.
if (process.send) {
  process.on("disconnect", () => process.kill(process.pid, "SIGKILL"));
  process.channel?.unref();
}
