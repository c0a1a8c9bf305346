import { describe, expect, it } from "vitest";
import { acceptanceCovers, agreementStanding, agreementSubjectOf } from "@/domain/agreement";

describe("one acceptance rule (issue 15 item 2; preamble, 7.5)", () => {
  it("covers only when the subject's latest accepted version is the one in force", () => {
    expect(acceptanceCovers(3, 3)).toBe(true);
    expect(acceptanceCovers(2, 3)).toBe(false);
    expect(acceptanceCovers(null, 1)).toBe(false);
    expect(acceptanceCovers(undefined, 1)).toBe(false);
  });

  it("takes no context: the same answer serves apply, renew, update, download and use", () => {
    expect(acceptanceCovers.length).toBe(2);
  });

  it("asks again only when the version changed, naming both versions; never 'changed' to the same version", () => {
    expect(agreementStanding(1, 1)).toEqual({ kind: "covered", version: 1 });
    expect(agreementStanding(null, 1)).toEqual({ kind: "never-accepted", inForce: 1 });
    expect(agreementStanding(1, 2)).toEqual({ kind: "version-changed", accepted: 1, inForce: 2 });
    for (let v = 1; v < 5; v++) expect(agreementStanding(v, v).kind).toBe("covered");
  });

  it("the subject is the organisation when a person acts for one, else the person", () => {
    expect(agreementSubjectOf({ userId: "u1" })).toEqual({ kind: "person", userId: "u1" });
    expect(agreementSubjectOf({ userId: "u1", onBehalfOfOrganisationId: null })).toEqual({ kind: "person", userId: "u1" });
    expect(agreementSubjectOf({ userId: "u1", onBehalfOfOrganisationId: "o1" })).toEqual({ kind: "organisation", organisationId: "o1" });
    // Two agents of one organisation are the same subject.
    expect(agreementSubjectOf({ userId: "u2", onBehalfOfOrganisationId: "o1" })).toEqual(agreementSubjectOf({ userId: "u1", onBehalfOfOrganisationId: "o1" }));
  });
});
