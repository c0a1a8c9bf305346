import { describe, expect, it } from "vitest";
import * as prismaEnums from "@/generated/prisma/enums";
import { messageFiles } from "@/i18n/messages";

type Tree = { [k: string]: string | Tree };
const keysOf = (t: Tree, prefix = ""): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));

describe("message files", () => {
  for (const file of ["base", "labels", "portal", "console", "organisation", "privacy"] as const) {
    it(`${file}: Chinese and English have the same keys`, () => {
      expect(keysOf(messageFiles.en[file] as Tree).sort()).toEqual(keysOf(messageFiles["zh-CN"][file] as Tree).sort());
    });
  }

  it("no namespace is defined in two files (a later file would silently hide the earlier one)", () => {
    const seen = new Map<string, string>();
    for (const [file, tree] of Object.entries(messageFiles["zh-CN"])) {
      for (const ns of Object.keys(tree)) {
        expect(seen.get(ns), `namespace ${ns} in ${file} and ${seen.get(ns)}`).toBeUndefined();
        seen.set(ns, file);
      }
    }
  });

  it("every value of every database enum has a label in both languages (enums.<Enum>.<VALUE>)", () => {
    const missing: string[] = [];
    for (const [name, values] of Object.entries(prismaEnums)) {
      for (const value of Object.values(values as Record<string, string>)) {
        for (const locale of ["zh-CN", "en"] as const) {
          const labels = messageFiles[locale].labels.enums as Record<string, Record<string, string> | undefined>;
          if (!labels[name]?.[value]) missing.push(`${locale} enums.${name}.${value}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
