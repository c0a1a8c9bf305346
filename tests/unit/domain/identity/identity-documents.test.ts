import { describe, expect, it } from "vitest";
import { identityDocumentKinds, type IdDocumentType } from "@/domain/identity";

describe("identityDocumentKinds", () => {
  it.each<[IdDocumentType | null, string[]]>([
    ["RESIDENT_ID_CARD", ["ID_FRONT", "ID_BACK"]],
    ["PASSPORT", ["ID_FRONT"]],
    ["HK_MACAO_PERMIT", ["ID_FRONT"]],
    ["FOREIGN_PERMANENT_RESIDENT_ID", ["ID_FRONT"]],
    [null, ["ID_FRONT"]],
  ])("%s needs %j", (type, expected) => {
    expect(identityDocumentKinds(type)).toEqual(expected);
  });
});
