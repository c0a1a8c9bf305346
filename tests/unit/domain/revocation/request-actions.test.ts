import { describe, expect, it } from "vitest";
import { allowedRevocationRequestActions, type RevocationRequestKindName, type RevocationRequestOffer, type RevocationRequestStatusName } from "@/domain/revocation";

const yes = { ok: true };
const no = (reason: string) => ({ ok: false, reason });

// step-ca style: ok/... rows say what the RA case page may offer, fail/... rows what it must not, and the code why.
describe("allowedRevocationRequestActions", () => {
  it.each<[string, RevocationRequestOffer, RevocationRequestKindName, RevocationRequestStatusName, object]>([
    ["ok/confirm a received revocation request", "confirm", "REVOCATION", "RECEIVED", yes],
    ["ok/confirm a received hold release", "confirm", "HOLD_RELEASE", "RECEIVED", yes],
    ["ok/reject a received loss report", "reject", "LOSS_REPORT", "RECEIVED", yes],
    ["fail/confirm twice", "confirm", "REVOCATION", "COMPLIANT", no("REVOCATION_REQUEST_ALREADY_CONFIRMED")],
    ["fail/reject once confirmed", "reject", "REVOCATION", "COMPLIANT", no("REVOCATION_REQUEST_ALREADY_CONFIRMED")],
    ["fail/confirm done", "confirm", "REVOCATION", "DONE", no("REVOCATION_REQUEST_CLOSED")],
    ["fail/reject rejected", "reject", "LOSS_REPORT", "REJECTED", no("REVOCATION_REQUEST_CLOSED")],
    ["ok/carryOut a compliant revocation request", "carryOut", "REVOCATION", "COMPLIANT", yes],
    ["fail/carryOut before confirmation", "carryOut", "REVOCATION", "RECEIVED", no("REVOCATION_REQUEST_NOT_COMPLIANT")],
    ["fail/carryOut rejected", "carryOut", "REVOCATION", "REJECTED", no("REVOCATION_REQUEST_CLOSED")],
    ["fail/carryOut done", "carryOut", "REVOCATION", "DONE", no("REVOCATION_REQUEST_DONE")],
    ["fail/carryOut a compliant loss report", "carryOut", "LOSS_REPORT", "COMPLIANT", no("INVALID_STATE_TRANSITION")],
    ["fail/carryOut a hold release", "carryOut", "HOLD_RELEASE", "COMPLIANT", no("INVALID_STATE_TRANSITION")],
  ])("%s", (_name, offer, kind, status, expected) => {
    expect(allowedRevocationRequestActions({ kind, status })[offer]).toEqual(expected);
  });
});
