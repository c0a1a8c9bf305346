import { describe, expect, it } from "vitest";
import { allowedSupportRequestActions, type SupportRequestActions, type SupportRequestStatusName, type SupportSide } from "@/domain/support";

const yes = { ok: true };
const closed = { ok: false, reason: "SUPPORT_REQUEST_CLOSED" };
const staffOnly = { ok: false, reason: "SUPPORT_STAFF_ONLY" };
const already = { ok: false, reason: "SUPPORT_ALREADY_ASSIGNED_TO_YOU" };
const requester: SupportSide = { side: "requester" };
const officer: SupportSide = { side: "staff", userId: "o1" };

describe("allowedSupportRequestActions", () => {
  it.each<[string, keyof SupportRequestActions, SupportRequestStatusName, string | null, SupportSide, object]>([
    ["ok/requester answers an open request", "reply", "OPEN", null, requester, yes],
    ["ok/requester answers an answered request", "reply", "ANSWERED", null, requester, yes],
    ["ok/requester answers a closed request (it reopens)", "reply", "CLOSED", null, requester, yes],
    ["ok/requester closes an answered request", "close", "ANSWERED", null, requester, yes],
    ["fail/requester closes twice", "close", "CLOSED", null, requester, closed],
    ["fail/requester writes an internal note", "note", "OPEN", null, requester, staffOnly],
    ["fail/requester takes their own request", "take", "OPEN", null, requester, staffOnly],
    ["fail/requester assigns", "assign", "OPEN", null, requester, staffOnly],
    ["ok/desk answers an open request", "reply", "OPEN", null, officer, yes],
    ["fail/desk answers a closed request", "reply", "CLOSED", "o1", officer, closed],
    ["ok/desk closes an answered request", "close", "ANSWERED", "o1", officer, yes],
    ["fail/desk closes twice", "close", "CLOSED", null, officer, closed],
    ["ok/desk notes on a closed request (never shown to the requester)", "note", "CLOSED", null, officer, yes],
    ["ok/officer takes an unassigned request", "take", "OPEN", null, officer, yes],
    ["ok/officer takes a colleague's request", "take", "ANSWERED", "o2", officer, yes],
    ["fail/officer takes a request they hold", "take", "OPEN", "o1", officer, already],
    ["fail/officer takes a closed request", "take", "CLOSED", null, officer, closed],
    ["ok/desk assigns an open request", "assign", "OPEN", "o1", officer, yes],
    ["fail/desk assigns a closed request", "assign", "CLOSED", null, officer, closed],
  ])("%s", (_name, offer, status, assignedToId, reader, expected) => {
    expect(allowedSupportRequestActions({ status, assignedToId }, reader)[offer]).toEqual(expected);
  });

  it("reads as the requester when no side is given (the subscriber's pages)", () => {
    expect(allowedSupportRequestActions({ status: "CLOSED" })).toEqual({ reply: yes, close: closed, note: staffOnly, take: staffOnly, assign: staffOnly });
  });
});
