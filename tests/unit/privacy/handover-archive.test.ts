// The hand-over tar is judged by the system's tar: it lists and extracts every file byte for byte.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tarArchive } from "@/server/privacy/handover-archive";

const dir = mkdtempSync(path.join(tmpdir(), "handover-tar-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hand-over tar", () => {
  it("is read by tar: names, sizes, time, and the exact bytes of each file", () => {
    const files = [
      { name: "manifest.json", content: '{"format":"portal.successor-handover/1","名称":"示例"}\n' },
      { name: "exactly-512.ndjson", content: Buffer.alloc(512, 0x61) },
      { name: "certificates.ndjson", content: Buffer.from(Array.from({ length: 1500 }, (_, i) => i % 251)) },
      { name: "empty.ndjson", content: "" },
    ];
    const mtime = new Date("2026-11-24T12:00:00Z");
    const tar = tarArchive(files, mtime);
    expect(tar.length % 512).toBe(0);
    const file = path.join(dir, "handover.tar");
    writeFileSync(file, tar);
    const listing = execFileSync("tar", ["-tvf", file, "--utc"], { encoding: "utf8" }).trim().split("\n");
    expect(listing).toHaveLength(files.length);
    for (const [i, f] of files.entries()) {
      const size = typeof f.content === "string" ? Buffer.byteLength(f.content) : f.content.length;
      expect(listing[i]).toMatch(new RegExp(`\\s${size}\\s+2026-11-24 12:00\\s+${f.name.replace(".", "\\.")}$`));
    }
    const out = path.join(dir, "x");
    execFileSync("mkdir", ["-p", out]);
    execFileSync("tar", ["-xf", file, "-C", out]);
    for (const f of files) expect(readFileSync(path.join(out, f.name)).equals(Buffer.from(f.content))).toBe(true);
  });

  it("refuses a name tar cannot hold in its header", () => {
    expect(() => tarArchive([{ name: `${"a".repeat(101)}.ndjson`, content: "" }], new Date())).toThrow(RangeError);
  });
});
