import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One term per concept per language (messages/areas/glossary.<locale>.json): a message that uses a
 * rejected synonym ("吊销" where the glossary says "撤销") fails here, naming file and key, so a
 * subscriber and a clerk read the same word for the same thing.
 */
type Entry = { term: string; rejected: string[] };
type Tree = { [k: string]: string | Tree };

const ROOT = path.resolve(__dirname, "../../../messages");
const LOCALES = ["zh-CN", "en"] as const;

function glossary(locale: string): Record<string, Entry> {
  const g = JSON.parse(readFileSync(path.join(ROOT, "areas", `glossary.${locale}.json`), "utf8")).glossary as Record<string, Entry | string>;
  return Object.fromEntries(Object.entries(g).filter((e): e is [string, Entry] => typeof e[1] === "object"));
}

function messageFilesOf(locale: string): string[] {
  const top = readdirSync(ROOT).filter((f) => f === `${locale}.json`).map((f) => path.join(ROOT, f));
  const areas = readdirSync(path.join(ROOT, "areas"))
    .filter((f) => f.endsWith(`.${locale}.json`) && !f.startsWith("glossary."))
    .map((f) => path.join(ROOT, "areas", f));
  return [...top, ...areas];
}

const leaves = (t: Tree, prefix = ""): [string, string][] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));

/** Every use of a rejected synonym in the given messages, as "file key: rejected → term". */
export function glossaryViolations(files: { name: string; tree: Tree }[], terms: Record<string, Entry>): string[] {
  const out: string[] = [];
  for (const { name, tree } of files) {
    for (const [key, text] of leaves(tree)) {
      for (const { term, rejected } of Object.values(terms)) {
        for (const r of rejected) {
          if (text.toLowerCase().includes(r.toLowerCase())) out.push(`${name} ${key}: "${r}" → "${term}"`);
        }
      }
    }
  }
  return out;
}

describe("glossary", () => {
  it("has the same concepts in both languages, each term distinct from its rejected synonyms", () => {
    const zh = glossary("zh-CN");
    const en = glossary("en");
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const g of [zh, en]) for (const { term, rejected } of Object.values(g)) for (const r of rejected) expect(term.includes(r)).toBe(false);
  });

  for (const locale of LOCALES) {
    it(`${locale}: no message uses a rejected synonym`, () => {
      const files = messageFilesOf(locale).map((f) => ({ name: path.relative(ROOT, f), tree: JSON.parse(readFileSync(f, "utf8")) as Tree }));
      expect(files.length).toBeGreaterThan(3);
      expect(glossaryViolations(files, glossary(locale))).toEqual([]);
    });
  }

  it("the scan finds a planted synonym", () => {
    const found = glossaryViolations([{ name: "x.json", tree: { a: { b: "证书已吊销" } } }], glossary("zh-CN"));
    expect(found).toEqual(['x.json a.b: "吊销" → "撤销"']);
  });
});
