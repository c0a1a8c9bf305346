import { describe, expect, it } from "vitest";
import { findRawText, rawEnumValues, scanPatterns, type ScanNode } from "../../../e2e/support/page-scan-detector";

// A hand-built DOM: elements (nodeType 1) and text nodes (3), as much of Node as the scan reads.
const text = (value: string): ScanNode => ({ nodeType: 3, nodeName: "#text", nodeValue: value, childNodes: [] });
const el = (tag: string, attrs: Record<string, string>, ...children: (ScanNode | string)[]): ScanNode => ({
  nodeType: 1,
  nodeName: tag.toUpperCase(),
  nodeValue: null,
  childNodes: children.map((c) => (typeof c === "string" ? text(c) : c)),
  hasAttribute: (n) => Object.hasOwn(attrs, n),
  checkVisibility: () => !Object.hasOwn(attrs, "hidden"),
});

const patterns = scanPatterns();

describe("page scan detector", () => {
  it("finds a planted UTC time, a raw enum, a CRL reason name and a missing message key", () => {
    const body = el(
      "body",
      {},
      el("p", {}, "撤销时间 2026-12-02T15:44:46.512Z"),
      el("p", {}, "原因：KEY_COMPROMISE；", el("span", {}, "keyCompromise")),
      el("p", {}, "状态 PENDING_REVIEW 与 console.audit.fields.foo"),
    );
    const found = findRawText(body, patterns);
    expect(found.map((f) => [f.kind, f.text])).toEqual([
      ["iso-time", "2026-12-02T15:44:46.512Z"],
      ["raw-enum", "KEY_COMPROMISE"],
      ["raw-enum", "keyCompromise"],
      ["message-key", "console.audit.fields.foo"],
    ]);
    expect(found[0]!.context).toContain("撤销时间");
  });

  it("ignores machine text in <code>, <pre>, form fields, [data-scan-ignore] and hidden elements", () => {
    const body = el(
      "body",
      {},
      el("code", {}, "2026-12-02T15:44:46Z KEY_COMPROMISE"),
      el("pre", {}, "keyCompromise"),
      el("textarea", {}, "CERTIFICATE_HOLD"),
      el("div", { "data-scan-ignore": "" }, el("span", {}, "REVOKED 2026-01-01T00:00Z")),
      el("div", { hidden: "" }, "KEY_COMPROMISE"),
    );
    expect(findRawText(body, patterns)).toEqual([]);
  });

  it("leaves ordinary words, Beijing times, acronyms, e-mail addresses and file names alone", () => {
    const body = el(
      "body",
      {},
      el("p", {}, "The certificate was superseded; reason unspecified. OCSP and TSA answer. Keys compromised."),
      el("p", {}, "2026-12-02 23:44:46（北京时间 UTC+8） · Revoked · 2026-12-02 (Beijing time, UTC+8)"),
      el("p", {}, "admin@demo.test · verification-1.json · https://ca.demo.test/crl"),
    );
    expect(findRawText(body, patterns)).toEqual([]);
  });

  it("takes its enum list from the generated Prisma enums and the CRL reason list", () => {
    const values = rawEnumValues();
    expect(values).toEqual(expect.arrayContaining(["KEY_COMPROMISE", "PENDING", "SUBMITTED", "RA_OFFICER", "keyCompromise", "certificateHold"]));
    expect(values).not.toContain("superseded");
    expect(values).not.toContain("OCSP");
  });
});
