// What the page scan looks for, and the one function that runs inside the page to find it.
// Pure (no Playwright import) so tests/unit/testing/page-scan-detector.test.ts can run it on a
// hand-built tree; page-scan.ts passes it to page.evaluate, so it must stay self-contained.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prismaEnums from "../../src/generated/prisma/enums";
import { REASON_CODES } from "../../src/ca/crl/revocation-reasons";

export type ScanPatterns = { iso: string; enums: string; keys: string };
export type ScanFinding = { kind: "iso-time" | "raw-enum" | "message-key" | "scan-error"; text: string; context: string };

/** The minimum of a DOM node the scan reads (a real Node in the page; a plain object in the unit test). */
export interface ScanNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<ScanNode>;
  hasAttribute?(name: string): boolean;
  checkVisibility?(): boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Raw enum values a person must never read: every Prisma enum value written SCREAMING_SNAKE with an
 * underscore or of five letters or more (shorter ones are acronyms people do read: OCSP, TSA, CA),
 * and the CRL reason names made of several words (keyCompromise; "superseded" and "unspecified" are
 * ordinary English words).
 */
export function rawEnumValues(): string[] {
  const values = new Set<string>();
  for (const e of Object.values(prismaEnums)) {
    if (typeof e !== "object" || e === null) continue;
    for (const v of Object.values(e as Record<string, unknown>)) if (typeof v === "string" && (v.includes("_") || v.length >= 5)) values.add(v);
  }
  for (const r of Object.keys(REASON_CODES)) if (/[A-Z]/.test(r)) values.add(r);
  return [...values].sort((a, b) => b.length - a.length);
}

/** Top-level message namespaces: next-intl shows a missing message as its path, which starts with one. */
export function messageNamespaces(messagesDir = fileURLToPath(new URL("../../messages", import.meta.url))): string[] {
  const files = [
    ...readdirSync(messagesDir).filter((f) => f.endsWith(".json")).map((f) => path.join(messagesDir, f)),
    ...readdirSync(path.join(messagesDir, "areas")).filter((f) => f.endsWith(".json")).map((f) => path.join(messagesDir, "areas", f)),
  ];
  const out = new Set<string>();
  for (const f of files) for (const k of Object.keys(JSON.parse(readFileSync(f, "utf8")) as object)) out.add(k);
  return [...out].sort((a, b) => b.length - a.length);
}

export function scanPatterns(): ScanPatterns {
  return {
    iso: String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z`,
    enums: String.raw`(?<![A-Za-z0-9_])(?:` + rawEnumValues().map(escape).join("|") + String.raw`)(?![A-Za-z0-9_])`,
    keys: String.raw`(?<![\w@/.:-])(?:` + messageNamespaces().map(escape).join("|") + String.raw`)(?:\.[A-Za-z0-9_]+)+(?![\w@/-])`,
  };
}

/**
 * Runs in the page (page.evaluate) or in the unit test: the visible text outside <code>, <pre>,
 * <textarea>, <input>, [data-scan-ignore] (machine text a person copies), matched against the patterns.
 * Self-contained on purpose: Playwright sends its source to the browser.
 */
export function findRawText(root: ScanNode, p: ScanPatterns, title = ""): ScanFinding[] {
  const SKIP = ["CODE", "PRE", "TEXTAREA", "INPUT", "SELECT", "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "KBD", "SAMP"];
  const tests: [string, RegExp][] = [
    ["iso-time", new RegExp(p.iso, "g")],
    ["raw-enum", new RegExp(p.enums, "g")],
    ["message-key", new RegExp(p.keys, "g")],
  ];
  const found: ScanFinding[] = [];
  const check = (text: string) => {
    for (const [kind, re] of tests) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const at = m.index;
        found.push({ kind: kind as ScanFinding["kind"], text: m[0], context: text.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, " ").trim() });
      }
    }
  };
  if (title) check(title);
  const walk = (node: ScanNode) => {
    if (node.nodeType === 3) {
      if (node.nodeValue && node.nodeValue.trim()) check(node.nodeValue);
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    if (node.nodeType === 1) {
      if (SKIP.includes(node.nodeName.toUpperCase())) return;
      if (node.hasAttribute && node.hasAttribute("data-scan-ignore")) return;
      if (node.checkVisibility && !node.checkVisibility()) return;
    }
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
  };
  walk(root);
  return found;
}
