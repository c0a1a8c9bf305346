import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listProfiles } from "@/server/application/list-profiles";
import { setProfileCommercials } from "@/server/application/set-profile-commercials";
import type { ServiceContext } from "@/server/core/context";
import { listFeeSchedule } from "@/server/public/list-fee-schedule";
import { openWorld, type World } from "../renewal/world";
import { approvedAs } from "../support/approval";

// The public fee schedule (clause 1.9) reads the rows the application wizard reads: the two agree,
// a fee change shows at once, and a profile taken off offer leaves the schedule.

let w: World;
let anonymous: ServiceContext;

beforeAll(async () => {
  w = await openWorld();
  anonymous = { ...w.as("alice"), actor: null };
});
afterAll(async () => {
  await w?.close();
});

const wizardFees = async () => {
  const rows = [...(await listProfiles(w.as("alice"), { subjectType: "INDIVIDUAL" })), ...(await listProfiles(w.as("alice"), { subjectType: "ORGANISATION" }))];
  return Object.fromEntries(rows.map((p) => [p.code, { feeCents: p.feeCents, validityDays: p.validityDays, serverKeyGeneration: p.serverKeyGeneration }]));
};
const scheduleFees = async () => {
  const s = await listFeeSchedule(anonymous, {});
  return Object.fromEntries(s.profiles.map((p) => [p.code, { feeCents: p.feeCents, validityDays: p.validityDays, serverKeyGeneration: p.serverKeyGeneration }]));
};

describe("public fee schedule", () => {
  it("is open to everyone and shows what the wizard offers, with how to pay and no invented account", async () => {
    const s = await listFeeSchedule(anonymous, {});
    expect(s.profiles.length).toBeGreaterThan(1);
    expect(await scheduleFees()).toEqual(await wizardFees());
    expect(s.paymentChannels).toEqual(["RA_COUNTER", "BANK_TRANSFER"]);
    expect(s.asOf).toBeInstanceOf(Date);
    for (const p of s.profiles) {
      expect(p.keyAlgorithms.length, p.code).toBeGreaterThan(0);
      expect(p.renewal).toEqual({ opensDaysBefore: 90, closesDaysAfter: 365, continuesValidity: false });
    }
    await expect(listFeeSchedule(anonymous, { extra: 1 } as never)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("follows a fee change and drops a profile taken off offer, as the wizard does", async () => {
    const [first, second] = (await listFeeSchedule(anonymous, {})).profiles;
    await setProfileCommercials(approvedAs(w.as("admin"), "PROFILE_CHANGE"), { code: first!.code, feeCents: 12_345, active: true });
    await setProfileCommercials(approvedAs(w.as("admin"), "PROFILE_CHANGE"), { code: second!.code, feeCents: second!.feeCents, active: false });
    const after = await scheduleFees();
    expect(after[first!.code]!.feeCents).toBe(12_345);
    expect(after[second!.code]).toBeUndefined();
    expect(after).toEqual(await wizardFees());
  });
});
