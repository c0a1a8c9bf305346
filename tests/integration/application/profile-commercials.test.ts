// A CA administrator sets a profile's fee and whether it is on offer (clause 1.9, the published
// fees): audited with before and after, refused to anyone else, and an inactive profile is no
// longer offered to new applications.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplication } from "@/server/application/create-application";
import { setProfileCommercials } from "@/server/application/set-profile-commercials";
import { verifyAuditChain } from "@/server/core/audit";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { acceptFor, makeApplication, openWorld, type World } from "../certificate/fixtures";
import { SD } from "./fixtures";
import { approvedAs } from "../support/approval";

let w: World;
let subscriberIdentityId: string;
beforeAll(async () => {
  w = await openWorld();
  await acceptFor(w, "alice", "APPLY");
  await seedDefaultRegistrationAuthority(w.db.prisma, w.clock.now());
  await makeApplication(w, { applicant: "alice" }); // gives alice a verified identity
  subscriberIdentityId = (await w.db.prisma.subscriberIdentity.findFirstOrThrow({ where: { userId: w.users.alice!.id } })).id;
}, 120_000);
afterAll(async () => w?.close());

const profile = () => w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });

describe("profile fee and availability", () => {
  it("changes the fee, and records what it was and what it became", async () => {
    const before = await profile();
    await expect(setProfileCommercials(approvedAs(w.as("admin"), "PROFILE_CHANGE"), { code: "individual-signing", feeCents: 12_345, active: true })).resolves.toEqual({ code: "individual-signing", feeCents: 12_345, active: true });
    expect(await profile()).toMatchObject({ feeCents: 12_345, active: true });
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "profile.commercials-changed", subjectId: before.id }, orderBy: { seq: "desc" } });
    expect(event.summary).toEqual({ code: "individual-signing", from: { feeCents: before.feeCents, active: before.active }, to: { feeCents: 12_345, active: true } });
    expect(event.actorId).toBe(w.users.admin!.id);
  });

  it("takes a profile off offer: new applications for it are refused until it is back", async () => {
    await setProfileCommercials(approvedAs(w.as("admin"), "PROFILE_CHANGE"), { code: "individual-signing", feeCents: 0, active: false });
    await expect(createApplication(w.as("alice"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD, subscriberIdentityId })).rejects.toMatchObject({ code: "PROFILE_NOT_AVAILABLE" });
    await setProfileCommercials(approvedAs(w.as("admin"), "PROFILE_CHANGE"), { code: "individual-signing", feeCents: 0, active: true });
    await expect(createApplication(w.as("alice"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD, subscriberIdentityId })).resolves.toMatchObject({ applicationId: expect.any(String) });
  });

  it("is for CA administrators only, for a profile that exists, with a sane fee", async () => {
    const count = await w.db.prisma.auditEvent.count({ where: { action: "profile.commercials-changed" } });
    for (const who of ["officer", "auditor", "alice"]) {
      await expect(setProfileCommercials(w.as(who), { code: "individual-signing", feeCents: 1, active: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(setProfileCommercials(approvedAs(w.as("admin"), "PROFILE_CHANGE"), { code: "no-such-profile", feeCents: 1, active: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setProfileCommercials(approvedAs(w.as("admin"), "PROFILE_CHANGE"), { code: "individual-signing", feeCents: -1, active: true })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "profile.commercials-changed" } })).toBe(count);
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
  });
});
