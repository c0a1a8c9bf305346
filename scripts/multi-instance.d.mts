export interface RunningInstances {
  instances: { name: string; url: string }[];
  responder?: { name: string; url: string };
  dataDir: string;
  stop(): Promise<void>;
}
export declare function startInstances(options: {
  databaseUrl: string | undefined;
  count?: number;
  firstPort?: number;
  dataDir?: string;
  distDir?: string;
  env?: Record<string, string>;
  responder?: boolean;
  output?: (name: string, chunk: unknown) => void;
  timeoutMs?: number;
}): Promise<RunningInstances>;
