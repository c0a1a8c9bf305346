// Starts `node scripts/start.mjs` as its own process group, so a test can kill it the hard way
// (SIGKILL to the whole group, as a power cut or the OOM killer would) and start it again.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export type PortalProcess = {
  baseURL: string;
  output(): string;
  /** Signals the whole process group and waits for the server to exit. */
  stop(signal: "SIGKILL" | "SIGTERM" | "SIGINT"): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startPortal(options: { dataDir: string; port: number; timeoutMs?: number }): Promise<PortalProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    HOST: "127.0.0.1",
    DATA_DIR: options.dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const portal: PortalProcess = {
    baseURL: `http://127.0.0.1:${options.port}`,
    output: () => output,
    async stop(signal) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const done = exited(child);
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
      await done;
      // The group leader may be gone while `next start` below it still ends; give it a moment.
      for (let i = 0; i < 50; i++) {
        try {
          process.kill(-child.pid, 0);
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the portal exited before it was healthy:\n${output}`);
    }
    try {
      const response = await fetch(`${portal.baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return portal;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await portal.stop("SIGKILL");
      throw new Error(`the portal was not healthy within the time limit:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
