import { describe, expect, it } from "vitest";
import { allowedSupportRequestActions, type SupportRequestStatusName } from "@/domain/support";

const yes = { ok: true };
const closed = { ok: false, reason: "SUPPORT_REQUEST_CLOSED" };

describe("allowedSupportRequestActions", () => {
  it.each<[string, "reply" | "close", SupportRequestStatusName, object]>([
    ["ok/reply to an open request", "reply", "OPEN", yes],
    ["ok/reply to an answered request (the requester writes again)", "reply", "ANSWERED", yes],
    ["fail/reply to a closed request", "reply", "CLOSED", closed],
    ["ok/close an answered request", "close", "ANSWERED", yes],
    ["fail/close twice", "close", "CLOSED", closed],
  ])("%s", (_name, offer, status, expected) => {
    expect(allowedSupportRequestActions({ status })[offer]).toEqual(expected);
  });
});
