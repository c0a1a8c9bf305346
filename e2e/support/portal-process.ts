// Starts `node scripts/start.mjs` as its own process group, so a test can kill it the hard way
// (SIGKILL to the whole group, as a power cut or the OOM killer would) and start it again.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export type PortalProcess = {
  baseURL: string;
  output(): string;
  /** Signals start.mjs's process group (as a terminal or a supervisor would) and waits for the server to exit. */
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

// A process that ended but was not reaped yet (a zombie) holds no files: it counts as gone.
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
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
  // A production portal on the production build (.next): a browser-test run's NEXT_DIST_DIR (e.g.
  // .next-e2e-<name>) would otherwise send it to rebuild, as production, the folder the run's own
  // portal is serving from.
  delete env.NEXT_DIST_DIR;
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
      // `next start` runs in a process group of its own below start.mjs and follows it down (see
      // scripts/parent-guard.cjs): wait until it is gone, so that nothing holds the data folder.
      const serverPid = Number(/\[start\] server pid (\d+)/.exec(output)?.[1]);
      for (let i = 0; serverPid && i < 200; i++) {
        if (!alive(serverPid)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (serverPid) throw new Error(`the portal server (pid ${serverPid}) did not end after ${signal}`);
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
