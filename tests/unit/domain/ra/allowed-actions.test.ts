import { describe, expect, it } from "vitest";
import { allowedRegistrationAuthorityActions, type RegistrationAuthorityStatusName } from "@/domain/ra";

describe("allowedRegistrationAuthorityActions", () => {
  it.each<[string, RegistrationAuthorityStatusName, number, object]>([
    ["ok/retire an active RA another active RA can succeed", "ACTIVE", 1, { ok: true }],
    ["ok/retire with several possible successors", "ACTIVE", 3, { ok: true }],
    ["fail/retire the only active RA", "ACTIVE", 0, { ok: false, reason: "RA_SUCCESSOR_INVALID" }],
    ["fail/retire a merged RA", "MERGED", 2, { ok: false, reason: "RA_NOT_ACTIVE" }],
    ["fail/retire a closed RA (not active comes first)", "CLOSED", 0, { ok: false, reason: "RA_NOT_ACTIVE" }],
  ])("%s", (_name, status, successorsAvailable, expected) => {
    expect(allowedRegistrationAuthorityActions({ status, successorsAvailable }).retire).toEqual(expected);
  });
});
