import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportMyData } from "@/server/privacy/export-my-data";
import { listDisclosures } from "@/server/privacy/list-disclosures";
import { listPrivacyRequests } from "@/server/privacy/list-privacy-requests";
import { listProcessors } from "@/server/privacy/list-processors";
import { readRetentionPolicy } from "@/server/privacy/read-retention-policy";
import { recordDisclosure } from "@/server/privacy/record-disclosure";
import { registerProcessor } from "@/server/privacy/register-processor";
import { setRetentionPolicy } from "@/server/privacy/set-retention-policy";
import { updateProcessor } from "@/server/privacy/update-processor";
import { openWorld, type World } from "../public/world";

// What the privacy pages read and change (/admin/privacy, /audit/privacy): the register's rows
// carry the names the pages show, the retention policy in force reads back what was set, and an
// edit form saved unchanged stores nothing and its event lists no change.

let w: World;
beforeAll(async () => {
  w = await openWorld();
});
afterAll(async () => {
  await w?.close();
});

describe("privacy register reads", () => {
  it("reads the retention policy in force, with the legal floor, to administrators and auditors only", async () => {
    await expect(readRetentionPolicy(w.as("auditor"), {})).resolves.toEqual({ certificateYearsAfterExpiry: 5, signInAttemptDays: 90, legalMinimumYears: 5 });
    await expect(readRetentionPolicy(w.as("alice"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setRetentionPolicy(w.as("admin"), { certificateYearsAfterExpiry: 4 })).rejects.toMatchObject({ code: "RETENTION_TOO_SHORT" });
    await expect(readRetentionPolicy(w.as("admin"), {})).resolves.toMatchObject({ certificateYearsAfterExpiry: 5 });
    await setRetentionPolicy(w.as("admin"), { certificateYearsAfterExpiry: 8, signInAttemptDays: 30 });
    await expect(readRetentionPolicy(w.as("auditor"), {})).resolves.toMatchObject({ certificateYearsAfterExpiry: 8, signInAttemptDays: 30 });
  });

  it("names the requester, the disclosure's subject and who recorded it", async () => {
    await exportMyData(w.as("alice"), {});
    const requests = await listPrivacyRequests(w.as("auditor"), { kind: "EXPORT" });
    expect(requests.map((r) => ({ requester: r.requester, userId: r.userId }))).toContainEqual({ requester: "alice@example.test", userId: w.users.alice!.id });
    const { processorId } = await registerProcessor(w.as("admin"), { name: "某核验服务商", purpose: "身份核验", dataCategories: ["姓名", "身份证号码"] });
    await recordDisclosure(w.as("admin"), { processorId, subjectUserId: w.users.alice!.id, what: "姓名", why: "核验" });
    const [d] = await listDisclosures(w.as("auditor"), { processorId });
    expect(d).toMatchObject({ subject: { email: "alice@example.test" }, recordedBy: { email: "admin@example.test" } });
    expect((await listProcessors(w.as("auditor"), {})).find((p) => p.id === processorId)?.dataCategories).toEqual(["姓名", "身份证号码"]);
  });

  it("stores and audits only what an edit changed; a form saved unchanged writes nothing at all", async () => {
    const { processorId } = await registerProcessor(w.as("admin"), { name: "某短信服务商", purpose: "短信提醒", dataCategories: ["手机号码"] });
    const events = () => w.db.prisma.auditEvent.findMany({ where: { action: "privacy.processor-updated", subjectId: processorId }, orderBy: { seq: "asc" } });
    const form = { processorId, name: "某短信服务商", purpose: "短信提醒", dataCategories: ["手机号码"], location: "", contact: "" };
    const before = await w.db.prisma.processor.findUniqueOrThrow({ where: { id: processorId } });
    const eventsBefore = await w.db.prisma.auditEvent.count();
    await expect(updateProcessor(w.as("admin"), form)).resolves.toEqual({ processorId, changed: false });
    // Blank optional texts stay unset rather than becoming "" (the edit form sends every field).
    expect(await w.db.prisma.processor.findUniqueOrThrow({ where: { id: processorId } })).toEqual(before);
    // No audit event of any kind: there is no change to evidence.
    expect(await w.db.prisma.auditEvent.count()).toBe(eventsBefore);
    await expect(updateProcessor(w.as("admin"), { ...form, purpose: "证书到期短信提醒", location: "杭州" })).resolves.toMatchObject({ changed: true });
    // Saving the edited entry again, and resuming one that is active, change nothing either.
    await expect(updateProcessor(w.as("admin"), { ...form, purpose: "证书到期短信提醒", location: "杭州" })).resolves.toEqual({ processorId, changed: false });
    await expect(updateProcessor(w.as("admin"), { processorId, active: true })).resolves.toEqual({ processorId, changed: false });
    expect((await events()).map((e) => e.summary)).toEqual([
      { changes: { purpose: { from: "短信提醒", to: "证书到期短信提醒" }, location: { from: null, to: "杭州" } } },
    ]);
    await expect(updateProcessor(w.as("auditor"), { processorId, active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
