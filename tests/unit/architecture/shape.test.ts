import { describe, expect, it } from "vitest";
import { circles, importsOf, serverArea, sourceFiles } from "./import-graph";

// The shape of the code (src/server/README.md): the CA engine stands alone; each src/server area is
// reached through its index.ts only, keeps its internal/ folder to itself, and the areas form no
// circle; shared components never reach up into src/app. Each rule lists its offenders, so a failure
// names the import to fix.

const all = [...sourceFiles("src"), ...sourceFiles("scripts"), ...sourceFiles("bench")];
const server = sourceFiles("src/server");

function areaGraph(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const f of server) {
    const from = serverArea(f)!;
    if (!edges.has(from)) edges.set(from, new Set());
    for (const i of importsOf(f)) {
      const to = serverArea(i.target);
      if (to && to !== from) edges.get(from)!.add(to);
    }
  }
  return edges;
}

describe("src/ca", () => {
  it("imports nothing of ours outside src/ca", () => {
    const offenders = sourceFiles("src/ca").flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.target.startsWith("src/ca/"))
        .map((i) => `${f}: ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe("src/server areas", () => {
  it("each have an index.ts", () => {
    const areas = [...new Set(server.map((f) => serverArea(f)!))];
    expect(areas.filter((a) => !server.includes(`src/server/${a}/index.ts`))).toEqual([]);
  });

  it("import another area only through its index.ts", () => {
    const offenders = server.flatMap((f) =>
      importsOf(f)
        .filter((i) => {
          const to = serverArea(i.target);
          return to !== null && to !== serverArea(f) && i.target !== `src/server/${to}/index.ts`;
        })
        .map((i) => `${f}: ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("never import their own index.ts (it would load the area before itself)", () => {
    const offenders = server.flatMap((f) =>
      importsOf(f)
        .filter((i) => i.target === `src/server/${serverArea(f)}/index.ts` && f !== i.target)
        .map((i) => `${f}: ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("form no circle", () => {
    expect(circles(areaGraph())).toEqual([]);
  });

  it("keep the floors: core and auth import no area above them", () => {
    const graph = areaGraph();
    expect([...(graph.get("core") ?? [])]).toEqual([]);
    expect([...(graph.get("auth") ?? [])].filter((a) => a !== "core")).toEqual([]);
  });

  it("keep their internal/ folder to themselves", () => {
    const offenders = all.flatMap((f) =>
      importsOf(f)
        .filter((i) => {
          const to = serverArea(i.target);
          return to !== null && to !== serverArea(f) && i.target.startsWith(`src/server/${to}/internal/`);
        })
        .map((i) => `${f}: ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe("src/components", () => {
  it("never imports src/app (route-only components live next to their route)", () => {
    const offenders = sourceFiles("src/components").flatMap((f) =>
      importsOf(f)
        .filter((i) => i.target.startsWith("src/app/"))
        .map((i) => `${f}: ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe("the circle finder", () => {
  it("finds a circle of two and of three, and none in a chain", () => {
    const g = (pairs: [string, string][]) => {
      const m = new Map<string, Set<string>>();
      for (const [a, b] of pairs) {
        if (!m.has(a)) m.set(a, new Set());
        if (!m.has(b)) m.set(b, new Set());
        m.get(a)!.add(b);
      }
      return m;
    };
    expect(circles(g([["a", "b"], ["b", "a"]]))).toEqual([["a", "b"]]);
    expect(circles(g([["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"]]))).toEqual([["a", "b", "c"]]);
    expect(circles(g([["a", "b"], ["b", "c"]]))).toEqual([]);
  });
});
