import en from "../../../messages/en.json";
import zh from "../../../messages/zh-CN.json";
import { formatDateTime } from "@/i18n/format";
import type { RenderedMail } from "@/server/core";

type Tree = { [key: string]: string | Tree };

/**
 * Renders an outbox notification in the recipient's language. A template named "a.b" reads
 * `mail.a.b.subject` and `mail.a.b.body` from the message files; `{name}` placeholders are filled
 * from the payload (ISO instants shown in Beijing time), and `{link}` is the portal URL joined with the payload's `path`. Other areas
 * add mails by adding message entries, no code.
 */
export function createMailRenderer(portalUrl: string) {
  return function render(n: { template: string; locale: string; payload: unknown }): RenderedMail {
    const messages = (n.locale === "en" ? en : zh) as unknown as Tree;
    const node = lookup(messages, ["mail", ...n.template.split(".")]);
    const subject = typeof node === "object" ? node.subject : undefined;
    const body = typeof node === "object" ? node.body : undefined;
    if (typeof subject !== "string" || typeof body !== "string") {
      throw new Error(`unknown mail template: ${n.template}`);
    }
    const payload = (typeof n.payload === "object" && n.payload !== null ? n.payload : {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(payload)) {
      // Instants travel as ISO strings; the reader gets Beijing time with the zone named.
      if (typeof v === "string" && ISO_INSTANT.test(v)) values[k] = formatDateTime(v, n.locale, { seconds: true });
      else if (typeof v === "string" || typeof v === "number") values[k] = String(v);
    }
    if (typeof payload.path === "string" && payload.path.startsWith("/")) values.link = portalUrl + payload.path;
    const signature = lookup(messages, ["mail", "signature"]);
    const fill = (s: string) => s.replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);
    const text = fill(body) + (typeof signature === "string" ? `\n\n${signature}` : "");
    return { subject: fill(subject), text };
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function lookup(tree: Tree, keys: string[]): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const k of keys) {
    if (typeof node !== "object") return undefined;
    node = node[k];
  }
  return node;
}
