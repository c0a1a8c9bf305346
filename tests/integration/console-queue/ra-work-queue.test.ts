// The RA work queue: every kind of item with its age, the 24-hour clock where one runs, filter
// and sort; and each item described by references the page puts into words (enum labels, queue
// labels, profile names), never by raw codes: every reference must resolve in both languages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "@/i18n/messages";
import { confirmRevocationRequest } from "@/server/revocation/confirm-revocation-request";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { raWorkQueue, type WorkItem, type WorkText } from "@/server/ra/ra-work-queue";
import { issueCert, openWorld, type World } from "../revocation/fixtures";

const T0 = new Date("2026-03-02T02:00:00.000Z");
const H = 3_600_000;

let w: World;
const ids: Record<string, string> = {};

async function application(applicant: string, o: { kind?: "NEW" | "CHANGE"; status?: "SUBMITTED" | "APPROVED"; feeStatus?: "UNPAID" | "NOT_REQUIRED"; submittedAt: Date }) {
  const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
  const app = await w.db.prisma.application.create({
    data: {
      kind: o.kind ?? "NEW",
      status: o.status ?? "SUBMITTED",
      applicantId: w.users[applicant]!.id,
      subjectType: "INDIVIDUAL",
      profileId: profile.id,
      subjectDetails: { usageScope: { kind: "平台", name: "电子政务平台" } },
      feeStatus: o.feeStatus ?? "NOT_REQUIRED",
      submittedAt: o.submittedAt,
    },
  });
  return app.id;
}

beforeAll(async () => {
  w = await openWorld(new Date(T0.getTime() - 2 * H));
  ids.newApp = await application("alice", { submittedAt: new Date(T0.getTime() - 2 * H) });
  ids.change = await application("bob", { kind: "CHANGE", submittedAt: new Date(T0.getTime() - H) });
  ids.approved = await application("bob", { status: "APPROVED", feeStatus: "UNPAID", submittedAt: T0 });
  const a = await issueCert(w, { user: "alice" });
  const b = await issueCert(w, { user: "bob" });
  const waiting = await issueCert(w, { user: "bob" });
  // Issued but not yet received (clause 1.7): waits for its delivery.
  await w.db.prisma.certificate.update({ where: { id: waiting.id }, data: { receiptAt: null } });
  ids.delivery = waiting.id;
  ids.received = (await requestRevocation(w.as("alice"), { certificateId: a.id, reason: "KEY_COMPROMISE" })).id;
  const compliant = await requestRevocation(w.as("bob"), { certificateId: b.id, reason: "SUPERSEDED" });
  w.clock.set(T0);
  await confirmRevocationRequest(w.as("officer"), { requestId: compliant.id, identityCheck: "回拨登记电话核验" });
  ids.compliant = compliant.id;
  // An agent authorisation whose letter nobody has checked yet.
  const org = await w.db.prisma.organisation.findFirstOrThrow();
  const letter = await w.db.prisma.agentAuthorisation.create({
    data: { agentUserId: w.users.bob!.id, organisationId: org.id, scope: ["APPLY", "RENEW"], validFrom: T0, validUntil: new Date(T0.getTime() + 90 * 24 * H), createdAt: new Date(T0.getTime() - 3 * H) },
  });
  ids.letter = letter.id;
});
afterAll(async () => {
  await w?.close();
});

const byId = (items: WorkItem[], id: string) => items.find((i) => i.id === id)!;

describe("the RA work queue", () => {
  it("holds every kind, with its age, raw status for scripts and words for people", async () => {
    w.clock.set(new Date(T0.getTime() + 21 * H));
    const q = await raWorkQueue(w.as("officer"), {});
    const newApp = byId(q.items, ids.newApp!);
    expect(newApp).toMatchObject({ kind: "application", status: "SUBMITTED", statusText: [{ enum: "ApplicationStatus", value: "SUBMITTED" }], sla: null, remainingMs: null });
    expect(newApp.ageMs).toBe(23 * H);
    expect(newApp.detail[0]).toEqual({ enum: "ApplicationKind", value: "NEW" });
    expect(newApp.detail[1]).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
    expect(byId(q.items, ids.change!)).toMatchObject({ kind: "change", detail: [{ enum: "ApplicationKind", value: "CHANGE" }, expect.anything()] });
    // Approved and unpaid: both said.
    expect(byId(q.items, ids.approved!).statusText).toEqual([{ enum: "ApplicationStatus", value: "APPROVED" }, { enum: "FeeStatus", value: "UNPAID" }]);
    expect(byId(q.items, ids.delivery!)).toMatchObject({ kind: "delivery", status: "AWAITING_RECEIPT", statusText: [{ label: "deliveryStatus.AWAITING_RECEIPT" }] });
    expect(byId(q.items, ids.received!)).toMatchObject({ kind: "revocation", status: "RECEIVED", sla: null, detail: [{ enum: "RevocationRequestKind", value: "REVOCATION" }, expect.anything()] });
    // 21 hours after compliance: 3 hours left, due soon.
    expect(byId(q.items, ids.compliant!)).toMatchObject({ status: "COMPLIANT", sla: "dueSoon", remainingMs: 3 * H });
    expect(q).toMatchObject({ dueSoon: 1, overdue: 0 });
    // The agent's letter waits for its check (the world's other authorisations are checked).
    expect(byId(q.items, ids.letter!)).toMatchObject({
      kind: "authorisation",
      href: `/ra/authorisations/${ids.letter}`,
      status: "AWAITING_CHECK",
      statusText: [{ label: "authorisationStatus.AWAITING_CHECK" }],
      detail: [{ text: "bob@example.test" }, { enum: "AgentScope", value: "APPLY" }, { enum: "AgentScope", value: "RENEW" }],
    });
    expect(byId(q.items, ids.letter!).ageMs).toBe(24 * H);
    expect(q.counts).toMatchObject({ application: 2, change: 1, revocation: 2, delivery: 1, authorisation: 1 });
  });

  it("every reference resolves to words in both languages", async () => {
    const q = await raWorkQueue(w.as("officer"), {});
    const refs: WorkText[] = q.items.flatMap((i) => [...i.detail, ...i.statusText]);
    for (const locale of ["zh-CN", "en"] as const) {
      const m = messagesFor(locale) as { enums: Record<string, Record<string, string>>; console: { ra: Record<string, unknown> } };
      for (const r of refs) {
        if ("enum" in r) expect(m.enums[r.enum]?.[r.value], `${locale} enums.${r.enum}.${r.value}`).toBeTruthy();
        if ("label" in r) expect(r.label.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], m.console.ra), `${locale} console.ra.${r.label}`).toBeTypeOf("string");
      }
    }
  });

  it("sorts the running clock first (urgent), or by waiting time; filters by kind", async () => {
    const urgent = await raWorkQueue(w.as("officer"), { sort: "urgent" });
    expect(urgent.items[0]!.id).toBe(ids.compliant);
    const oldest = await raWorkQueue(w.as("officer"), { sort: "oldest" });
    const ages = oldest.items.map((i) => i.ageMs);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    const newest = await raWorkQueue(w.as("officer"), { sort: "newest" });
    expect(newest.items.map((i) => i.ageMs)).toEqual([...ages].reverse());
    expect(new Set(newest.items.map((i) => i.id))).toEqual(new Set(oldest.items.map((i) => i.id)));
    const apps = await raWorkQueue(w.as("officer"), { kind: "application" });
    expect(new Set(apps.items.map((i) => i.kind))).toEqual(new Set(["application"]));
    expect(apps.counts.revocation).toBe(2); // counts stay for the filter's labels
  });

  it("past the deadline: overdue, with the time over as a negative remainder", async () => {
    w.clock.set(new Date(T0.getTime() + 24 * H + 5 * 60_000));
    const q = await raWorkQueue(w.as("officer"), {});
    expect(byId(q.items, ids.compliant!)).toMatchObject({ sla: "overdue", remainingMs: -5 * 60_000 });
    expect(q.overdue).toBe(1);
  });

  it("is for RA officers only", async () => {
    await expect(raWorkQueue(w.as("admin"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(raWorkQueue(w.as("alice"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
