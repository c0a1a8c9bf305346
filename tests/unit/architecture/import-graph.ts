import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The project's root and the source files the shape tests read (no generated code, no build output). */
export const ROOT = path.resolve(__dirname, "../../..");
const SKIP = new Set(["node_modules", "generated"]);

export function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith(".")) return [];
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mjs)$/.test(name) ? [rel] : [];
  });
}

const SPEC = /(?:\bfrom|\bimport|\bexport\s*\*\s*from|\bimport\s*\()\s*["']([^"'\n]+)["']/g;

/** Every import specifier of a file with the file it resolves to (project files only; packages are left out). */
export function importsOf(file: string): { spec: string; target: string }[] {
  const src = readFileSync(path.join(ROOT, file), "utf8");
  const out: { spec: string; target: string }[] = [];
  for (const m of src.matchAll(SPEC)) {
    const spec = m[1]!;
    let base: string;
    if (spec.startsWith("@/")) base = path.posix.join("src", spec.slice(2));
    else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    else continue;
    const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
    const target = candidates.find((c) => existsSync(path.join(ROOT, c)) && statSync(path.join(ROOT, c)).isFile());
    if (target) out.push({ spec, target });
  }
  return out;
}

/** The area of a file under src/server (its first folder), or null. */
export function serverArea(file: string): string | null {
  const m = /^src\/server\/([^/]+)\//.exec(file);
  return m ? m[1]! : null;
}

/** Strongly connected components of more than one node (Tarjan): each is a circle of imports. */
export function circles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return found;
}
