import { describe, expect, it } from "vitest";
import { pkcs12PasswordProblems, pkcs12PasswordStrengthProblems } from "@/domain/certificate";

describe("pkcs12PasswordProblems", () => {
  it("names each problem", () => {
    expect(pkcs12PasswordProblems("Ab1-", "Ab1-")).toEqual(["short"]);
    expect(pkcs12PasswordProblems("abcdefghijklmn", "abcdefghijklmn")).toEqual(["classes"]);
    expect(pkcs12PasswordProblems("Correct-Hors", "Correct-Horz")).toEqual(["mismatch"]);
    expect(pkcs12PasswordProblems("Correct-Hors", "Correct-Hors")).toEqual([]);
    expect(pkcs12PasswordStrengthProblems(`Aa1-${"x".repeat(125)}`)).toEqual(["long"]);
    expect(pkcs12PasswordStrengthProblems("Correct-Horse\n")).toEqual(["control"]);
  });
  it("counts characters, not UTF-16 units", () => {
    expect(pkcs12PasswordStrengthProblems("电池电池电池电池电池A1")).toEqual([]);
    expect(pkcs12PasswordStrengthProblems("𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜A1")).toEqual(["short"]);
  });
});
