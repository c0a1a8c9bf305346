import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// src/domain is pure rules shared with the browser: no I/O, no Node built-ins, and nothing from
// the layers above it or beside it (DESIGN.md: app -> server -> (domain, ca, db)).
const root = path.resolve(__dirname, "../../../src/domain");
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });

const FORBIDDEN = [/^node:/, /^(fs|path|crypto|os|child_process)$/, /^@\/(app|server|db|ca|components|generated)(\/|$)/, /^@prisma\//, /^\.\.\/\.\.\//];

describe("src/domain purity", () => {
  it("imports only zod, chinese-days data and itself", () => {
    const offenders: string[] = [];
    for (const file of files(root)) {
      const src = readFileSync(file, "utf8");
      for (const m of src.matchAll(/(?:import|export)[^'"]*from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = m[1] ?? m[2]!;
        if (FORBIDDEN.some((re) => re.test(spec))) offenders.push(`${path.relative(root, file)}: ${spec}`);
      }
      if (/\bprocess\.env\b|\bDate\.now\(\)|new Date\(\)/.test(src)) offenders.push(`${path.relative(root, file)}: reads the environment or the clock`);
    }
    expect(offenders).toEqual([]);
  });
});
