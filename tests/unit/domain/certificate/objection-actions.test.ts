import { describe, expect, it } from "vitest";
import { allowedObjectionActions, type ObjectionStatusName } from "@/domain/certificate";

describe("allowedObjectionActions", () => {
  it.each<[string, ObjectionStatusName, object]>([
    ["ok/resolve an open objection", "OPEN", { ok: true }],
    ["fail/resolve a resolved objection again", "RESOLVED", { ok: false, reason: "OBJECTION_NOT_OPEN" }],
  ])("%s", (_name, status, expected) => {
    expect(allowedObjectionActions({ status }).resolve).toEqual(expected);
  });
});
