import { describe, expect, it } from "vitest";
import { changesSinceQuestion, nothingChanged, type DocumentFact } from "@/domain/application";

const asked = new Date("2026-03-02T02:00:00.000Z");
const before = (min: number) => new Date(asked.getTime() - min * 60_000);
const after = (min: number) => new Date(asked.getTime() + min * 60_000);
const doc = (id: string, kind: string, createdAt: Date, withdrawnAt: Date | null = null): DocumentFact => ({ id, kind, fileName: `${id}.png`, createdAt, withdrawnAt });

const DETAILS = { country: "CN", province: "北京", usageScope: { kind: "项目", name: "智慧政务" } };

describe("changesSinceQuestion", () => {
  it("lists documents added after the question, documents the RA had seen and the applicant withdrew, and changed details before -> after", () => {
    const documents = [
      doc("front", "ID_FRONT", before(60)), // seen, kept
      doc("back-old", "ID_BACK", before(60), after(5)), // seen, withdrawn after the question
      doc("back-new", "ID_BACK", after(6)), // the replacement
      doc("older-withdrawal", "OTHER", before(90), before(30)), // withdrawn in an earlier round: not this one's
    ];
    const c = changesSinceQuestion(
      { askedAt: asked, detailsAtQuestion: DETAILS },
      { subjectDetails: { country: "CN", province: "上海", city: "上海", usageScope: { name: "智慧政务", kind: "项目" } }, documents },
    );
    expect(c.added.map((d) => d.id)).toEqual(["back-new"]);
    expect(c.removed.map((d) => d.id)).toEqual(["back-old"]);
    // Key order inside the usage scope is not a change; a new field is (before undefined).
    expect(c.details).toEqual([
      { field: "city", before: undefined, after: "上海" },
      { field: "province", before: "北京", after: "上海" },
    ]);
    expect(nothingChanged(c)).toBe(false);
  });

  it("sees a changed usage scope and a removed field, and nothing when only the answer was given", () => {
    const c = changesSinceQuestion(
      { askedAt: asked, detailsAtQuestion: DETAILS },
      { subjectDetails: { country: "CN", usageScope: { kind: "系统", name: "智慧政务" } }, documents: [doc("front", "ID_FRONT", before(1))] },
    );
    expect(c.details.map((d) => d.field)).toEqual(["province", "usageScope"]);
    expect(c.details[1]).toEqual({ field: "usageScope", before: { kind: "项目", name: "智慧政务" }, after: { kind: "系统", name: "智慧政务" } });
    const same = changesSinceQuestion({ askedAt: asked, detailsAtQuestion: DETAILS }, { subjectDetails: { ...DETAILS }, documents: [doc("front", "ID_FRONT", before(1))] });
    expect(nothingChanged(same)).toBe(true);
  });

  it("counts a document uploaded at the very instant of the question as seen, and tolerates details that are not an object", () => {
    const c = changesSinceQuestion({ askedAt: asked, detailsAtQuestion: null }, { subjectDetails: [], documents: [doc("same-instant", "OTHER", asked)] });
    expect(c).toEqual({ added: [], removed: [], details: [] });
  });
});
