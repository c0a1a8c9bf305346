import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  AGREEMENT_VARIABLE_NAMES,
  AgreementTemplateError,
  agreementCanonicalSerialisation,
  agreementContentHash,
  checkAgreementStructure,
  defaultAgreementV1,
  diffAgreements,
  renderAgreementPlain,
  templateVariablesOf,
  type AgreementDocument,
  type AgreementTexts,
} from "@/domain/agreement";

const { texts } = defaultAgreementV1;
const clauses = (d: AgreementDocument) => [...d.preamble, ...d.sections.flatMap((s) => s.clauses)];

const zhVars = {
  caName: "示例电子认证服务有限公司",
  caShortName: "示例CA",
  website: "https://ca.example.cn",
  hotline: "400-000-0000",
  testPageUrl: "https://ca.example.cn/test",
  cpsName: "示例CA电子认证业务规则",
  privacyPolicyName: "隐私政策",
  arbitrationInstitution: "示例仲裁委员会",
};
const enVars = { ...zhVars, caName: "Example Certification Co., Ltd.", caShortName: "ExampleCA", cpsName: "ExampleCA CPS", privacyPolicyName: "Privacy Policy", arbitrationInstitution: "the Example Arbitration Commission" };
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

describe("default agreement v1: structure", () => {
  it("has the clause structure of the reference agreement", () => {
    const numbers = clauses(texts["zh-CN"]).map((c) => c.number);
    expect(numbers).toEqual([
      "P1", "P2",
      "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9",
      "2.1", "2.2", "2.3", "2.4",
      "3", "4", "5.1", "5.2", "5.3", "6.1", "6.2",
      "7.1", "7.2", "7.3", "7.4", "7.5",
    ]);
    expect(texts["zh-CN"].sections.map((s) => s.number)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
  });

  it("has the same clause numbers, item counts and emphasis in both languages", () => {
    expect(checkAgreementStructure(texts)).toEqual([]);
    const zh = clauses(texts["zh-CN"]);
    const en = clauses(texts.en);
    expect(en.map((c) => c.number)).toEqual(zh.map((c) => c.number));
    expect(en.map((c) => c.limitsLiability)).toEqual(zh.map((c) => c.limitsLiability));
  });

  it("marks the clauses that limit liability or shift risk to the subscriber", () => {
    for (const doc of [texts["zh-CN"], texts.en]) {
      const marked = clauses(doc).filter((c) => c.limitsLiability).map((c) => c.number);
      // Issue 15: emphasis only where the CA's liability is limited or a risk is put on the
      // subscriber, so that it stands out: 1.3 (key misuse), 1.4 (liable until revocation), 1.8
      // (deemed acceptance), 3 (revocation without liability), 5.1-5.3 (cap, exemptions, the RA's
      // own liability). Nearly every clause was bold before, which made the emphasis meaningless.
      expect(marked).toEqual(["1.3", "1.4", "1.8", "3", "5.1", "5.2", "5.3"]);
    }
  });

  it("lists five CA revocation grounds in clause 3 and six exemptions in 5.2", () => {
    for (const doc of [texts["zh-CN"], texts.en]) {
      const byNo = new Map(clauses(doc).map((c) => [c.number, c]));
      expect(byNo.get("3")?.items).toHaveLength(5);
      expect(byNo.get("5.2")?.items).toHaveLength(6);
    }
  });

  it("states the 24-hour revocation duty and the 2-working-day test window in both languages", () => {
    const get = (d: AgreementDocument, n: string) => clauses(d).find((c) => c.number === n)!.text;
    expect(get(texts["zh-CN"], "1.4")).toContain("24小时内");
    expect(get(texts.en, "1.4")).toContain("within 24 hours");
    expect(get(texts["zh-CN"], "1.8")).toContain("2个工作日内");
    expect(get(texts.en, "1.8")).toContain("2 working days");
  });

  it("uses only the documented template variables, the same ones in both languages", () => {
    const zhNames = templateVariablesOf(texts["zh-CN"]);
    expect(zhNames).toEqual(templateVariablesOf(texts.en));
    expect(zhNames).toEqual([...AGREEMENT_VARIABLE_NAMES].sort());
  });

  it("checkAgreementStructure finds a clause missing in one language and a differing emphasis", () => {
    const en = texts.en;
    const broken: AgreementTexts = {
      ...texts,
      en: {
        ...en,
        sections: en.sections.map((s) =>
          s.number === "1"
            ? { ...s, clauses: s.clauses.filter((c) => c.number !== "1.6").map((c) => (c.number === "1.8" ? { ...c, limitsLiability: false } : c)) }
            : s,
        ),
      },
    };
    const codes = checkAgreementStructure(broken);
    expect(codes).toContainEqual({ code: "AGREEMENT_CLAUSES_DIFFER", locale: "en", missing: ["1.6"], extra: [] });
    expect(codes).toContainEqual({ code: "AGREEMENT_EMPHASIS_DIFFERS", locale: "en", number: "1.8" });
  });
});

describe("renderAgreementPlain", () => {
  it("fills every placeholder and numbers the Chinese sections 一、二、", () => {
    const text = renderAgreementPlain(texts["zh-CN"], zhVars);
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text.startsWith("示例CA数字证书订户服务协议\n\n")).toBe(true);
    expect(text).toContain("\n\n一、订户的权利和义务\n\n1.1 订户应当");
    expect(text).toContain("\n\n三、证书撤销\n\n有下列情形之一的");
    expect(text).toContain("（一）订户申请证书时");
    expect(text).toContain("https://ca.example.cn/test");
  });

  it("renders English with numbered headings and spaced item labels", () => {
    const text = renderAgreementPlain(texts.en, enVars);
    expect(text).toContain("\n\n1. Rights and obligations of the subscriber\n\n1.1 The subscriber must");
    expect(text).toContain("\n(1) the materials or information");
    expect(text).toContain("Example Certification Co., Ltd. (\"ExampleCA\")");
  });

  it("refuses to render with a missing variable and names all of them", () => {
    const partial: Record<string, string> = { ...zhVars };
    delete partial.hotline;
    delete partial.website;
    try {
      renderAgreementPlain(texts["zh-CN"], partial);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AgreementTemplateError);
      expect((e as AgreementTemplateError).code).toBe("AGREEMENT_VARIABLE_MISSING");
      expect((e as AgreementTemplateError).missing).toEqual(["hotline", "website"]);
    }
  });
});

describe("canonical serialisation and content hash", () => {
  it("is stable: a fixed string for the default version (changing the text must change this test)", () => {
    const s = agreementCanonicalSerialisation(texts);
    expect(s.startsWith('{"format":"agreement-canonical-v1","texts":{"en":{')).toBe(true);
    // Pinning the hash turns any accidental change of v1's wording into a failing test: a
    // published version is immutable, a new wording is a new version. (Issue 15 changed the
    // emphasis of the default text: a database seeded before keeps its version 1 as published;
    // fresh databases seed this text. See seed-default-agreement.ts.)
    expect(sha256(s)).toMatchInlineSnapshot(`"62d3f94c1bce090cf86d4d810705c943bb38af4e4f6168345427ee4bbc37cf42"`);
  });

  it("does not depend on key order or Unicode normalisation form", () => {
    const zh = texts["zh-CN"];
    const reordered = { en: texts.en, "zh-CN": { sections: zh.sections, preamble: zh.preamble, notice: zh.notice, title: zh.title } } as AgreementTexts;
    expect(agreementCanonicalSerialisation(reordered)).toBe(agreementCanonicalSerialisation(texts));
    const nfd = { ...texts, en: { ...texts.en, title: "Cafe\u0301" } };
    const nfc = { ...texts, en: { ...texts.en, title: "Caf\u00e9" } };
    expect(agreementCanonicalSerialisation(nfd)).toBe(agreementCanonicalSerialisation(nfc));
  });

  it("changes when the emphasis of a clause changes, and when the filled-in variables change", async () => {
    const flipped = {
      ...texts,
      en: { ...texts.en, preamble: texts.en.preamble.map((c) => (c.number === "P2" ? { ...c, limitsLiability: true } : c)) },
    };
    const base = await agreementContentHash(texts, sha256);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await agreementContentHash(flipped, sha256)).not.toBe(base);
    const a = await agreementContentHash(texts, sha256, { "zh-CN": zhVars, en: enVars });
    const b = await agreementContentHash(texts, sha256, { "zh-CN": { ...zhVars, hotline: "400-111-1111" }, en: enVars });
    expect(a).not.toBe(b);
    expect(a).not.toBe(base);
  });
});

describe("diffAgreements", () => {
  it("finds nothing between a version and itself", () => {
    expect(diffAgreements(texts["zh-CN"], texts["zh-CN"])).toEqual([]);
  });

  it("finds a changed, an added and a removed clause, and a changed heading", () => {
    const a = texts.en;
    const b: AgreementDocument = {
      ...a,
      sections: a.sections.map((s) => {
        if (s.number === "1") {
          return {
            ...s,
            clauses: s.clauses.map((c) => (c.number === "1.8" ? { ...c, text: c.text.replace("2 working days", "3 working days") } : c)),
          };
        }
        if (s.number === "7") {
          return {
            ...s,
            heading: "Miscellaneous",
            clauses: [...s.clauses.filter((c) => c.number !== "7.2"), { number: "7.6", text: "New clause.", limitsLiability: false }],
          };
        }
        return s;
      }),
    };
    const changes = diffAgreements(a, b);
    expect(changes.map((c) => [c.kind, "number" in c ? c.number : ""])).toEqual([
      ["heading", "7"],
      ["changed", "1.8"],
      ["added", "7.6"],
      ["removed", "7.2"],
    ]);
    const changed = changes.find((c) => c.kind === "changed");
    expect(changed && changed.kind === "changed" && changed.fields).toEqual(["text"]);
  });

  it("reports a change of emphasis or of an enumerated item", () => {
    const a = texts["zh-CN"];
    const b: AgreementDocument = {
      ...a,
      sections: a.sections.map((s) =>
        s.number === "3"
          ? { ...s, clauses: s.clauses.map((c) => ({ ...c, limitsLiability: false, items: c.items?.slice(0, 4) })) }
          : s,
      ),
    };
    const [change] = diffAgreements(a, b);
    expect(change).toMatchObject({ kind: "changed", number: "3", fields: ["items", "limitsLiability"] });
  });
});
