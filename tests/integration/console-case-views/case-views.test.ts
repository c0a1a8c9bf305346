import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCalendarYear } from "@/server/calendar/import-calendar-year";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { enterCessation } from "@/server/privacy/enter-cessation";
import { requestDeletion } from "@/server/privacy/request-deletion";
import { revokeByCa } from "@/server/revocation/revoke-by-ca";
import { findCertificatesForCaRevocation, recentCaRevocations } from "@/server/revocation/ca-revocation-views";
import { calendarView } from "@/server/calendar/calendar-views";
import { getDeliveryView } from "@/server/certificate/certificate-case-views";
import { findUserByEmailForDisclosure, privacyView } from "@/server/privacy/privacy-views";
import { issueTestCertificate, openWorld, type TestCertificate, type World } from "../public/world";
import { approvedAs } from "../support/approval";

// The reads behind the console pages for deliveries, CA revocation, the calendar and personal
// information: they must turn stored JSON (audit summaries, deletion outcomes) into typed facts,
// and only the staff role of each page may call them.

let w: World;
let cert: TestCertificate;

beforeAll(async () => {
  w = await openWorld();
  cert = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽" });
  // The shared fixture stores certificates as received online; this one waits at the counter.
  await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { receiptAt: null, deliveredAt: null, deliveryMethod: null } });
});
afterAll(async () => {
  await w?.close();
});

describe("delivery view", () => {
  it("lists the recorded hand-over with who collected it, from the audit log", async () => {
    await expect(getDeliveryView(w.as("admin"), { certificateId: cert.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getDeliveryView(w.as("officer"), { certificateId: cert.id })).steps).toEqual([]);
    w.clock.advance(60_000);
    await recordHandOver(w.as("officer"), { certificateId: cert.id, method: "AGENT", collectedBy: "王代理 110105194912310021" });
    const view = await getDeliveryView(w.as("officer"), { certificateId: cert.id });
    expect(view.deliveryMethod).toBe("AGENT");
    expect(view.profile.code).toBe("individual-signing");
    expect(view.steps).toHaveLength(1);
    expect(view.steps[0]).toMatchObject({ action: "certificate.received-by-hand-over", method: "AGENT", collectedBy: "王代理 110105194912310021", actorEmail: "officer@example.test" });
    expect(view.steps[0]!.receiptAt?.toISOString()).toBe(view.receiptAt?.toISOString());
  });
});

describe("calendar view", () => {
  it("shows a deadline resting on a year not held as waiting for it, and the import that moved it", async () => {
    // The test world holds no calendar year, so the hand-over above gave a provisional deadline.
    const before = await calendarView(w.as("admin"), {});
    const waiting = before.provisional.find((c) => c.id === cert.id);
    expect(waiting?.waitingFor).toEqual([2026]);
    await expect(calendarView(w.as("officer"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });

    await importCalendarYear(approvedAs(w.as("admin"), "CALENDAR_IMPORT"), { year: 2026, notice: "国办发明电〔2025〕7号", holidays: ["2026-03-03"], makeupWorkdays: [], names: { "2026-03-03": "测试假日" } });
    const after = await calendarView(w.as("admin"), {});
    expect(after.provisional.find((c) => c.id === cert.id)).toBeUndefined();
    const year = after.years.find((y) => y.year === 2026);
    expect(year).toMatchObject({ confirmed: true, source: "manual:国办发明电〔2025〕7号" });
    expect(year?.days).toEqual([{ date: "2026-03-03", kind: "HOLIDAY", name: "测试假日" }]);
    const moved = after.imports[0]!.moved.find((m) => m.certificateId === cert.id);
    expect(moved).toMatchObject({ serialHex: cert.serialHex, from: waiting!.testWindowDeadline!.toISOString(), stillProvisional: false });
    expect(new Date(moved!.to!).getTime()).toBeGreaterThan(waiting!.testWindowDeadline!.getTime());
    expect(after.imports[0]).toMatchObject({ year: 2026, notice: "国办发明电〔2025〕7号", by: "admin@example.test", replaced: false });
  });
});

describe("CA revocation views", () => {
  it("finds a certificate by its serial typed with colons and capitals, and lists the revocation after it", async () => {
    const other = await issueTestCertificate(w, { holder: "bob", fullName: "王博" });
    const typed = other.serialHex.toUpperCase().match(/.{1,2}/g)!.join(":");
    const found = await findCertificatesForCaRevocation(w.as("admin"), { serialHex: typed });
    expect(found.map((c) => c.id)).toEqual([other.id]);
    expect(found[0]!.profile.nameZh).not.toBe("");
    expect(await findCertificatesForCaRevocation(w.as("admin"), { serialHex: "zz" })).toEqual([]);
    await expect(findCertificatesForCaRevocation(w.as("officer"), { serialHex: typed })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: other.id, ground: "USE_OUTSIDE_PURPOSE", explanation: "证书被用于申请用途以外的系统。" });
    const recent = await recentCaRevocations(w.as("admin"), {});
    expect(recent[0]).toMatchObject({ caGround: "USE_OUTSIDE_PURPOSE", reasonCode: "PRIVILEGE_WITHDRAWN", note: "证书被用于申请用途以外的系统。", certificate: { id: other.id, status: "REVOKED" } });
  });
});

describe("personal-information view", () => {
  it("reads a deletion outcome as erased and kept lines with counts, dates and legal bases", async () => {
    await requestDeletion(w.as("alice"), { confirm: true });
    const view = await privacyView(w.as("admin"), {});
    const mine = view.deletions.find((d) => d.requester === "alice@example.test");
    expect(mine?.status).toBe("IN_PROGRESS");
    expect(mine?.outcome?.erased.map((l) => l.category)).toContain("documentContents");
    const certificates = mine?.outcome?.kept.find((l) => l.category === "certificates");
    expect(certificates?.count).toBe(1);
    expect(certificates?.basis?.zh).toContain("电子签名法");
    expect(new Date(certificates!.until!).getTime()).toBeGreaterThan(w.clock.now().getTime());
    expect(mine?.outcome?.kept.find((l) => l.category === "auditLog")?.until).toBeNull();
    await expect(privacyView(w.as("auditor"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("names who switched cessation on and how many were told", async () => {
    await enterCessation(approvedAs(w.as("admin"), "CESSATION_ON"), { confirm: true, successor: "承接 CA" });
    const view = await privacyView(w.as("admin"), {});
    expect(view.cessation).toMatchObject({ active: true, successor: "承接 CA", startedBy: "admin@example.test" });
    expect(view.cessationHistory[0]).toMatchObject({ action: "entered", by: "admin@example.test" });
    expect(view.cessationHistory[0]!.notified).toBeGreaterThan(0);
  });

  it("finds the subscriber a disclosure names by e-mail, in any case", async () => {
    expect(await findUserByEmailForDisclosure(w.as("admin"), { email: "BOB@example.test" })).toEqual({ id: w.users.bob!.id });
    expect(await findUserByEmailForDisclosure(w.as("admin"), { email: "nobody@example.test" })).toBeNull();
  });
});
