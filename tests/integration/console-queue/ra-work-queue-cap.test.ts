// The RA queue beyond its first page: with more open applications than a kind lists
// (WORK_QUEUE_PER_KIND), the page shows the ones the sort starts with, in order, and the counts
// still say how many wait. The page's ids come from an index first (issue 16), so this holds the
// two-step read to the answer one ordered read gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raWorkQueue, WORK_QUEUE_PER_KIND } from "@/server/ra/ra-work-queue";
import { openWorld, type World } from "../revocation/fixtures";

const T0 = new Date("2026-03-02T02:00:00.000Z");
const MIN = 60_000;
const EXTRA = 7;

let w: World;
let inOrder: string[];

beforeAll(async () => {
  w = await openWorld(T0);
  const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
  const n = WORK_QUEUE_PER_KIND + EXTRA;
  // Pairs submitted at the same minute: the id breaks the tie, as the page's order says.
  await w.db.prisma.application.createMany({
    data: Array.from({ length: n }, (_, k) => ({
      kind: k % 10 === 0 ? ("CHANGE" as const) : ("NEW" as const),
      status: (["SUBMITTED", "NEEDS_INFO", "APPROVED"] as const)[k % 3]!,
      applicantId: w.users.alice!.id,
      subjectType: "INDIVIDUAL" as const,
      profileId: profile.id,
      subjectDetails: {},
      feeStatus: "NOT_REQUIRED" as const,
      submittedAt: new Date(T0.getTime() - (n - Math.floor(k / 2)) * MIN),
    })),
  });
  // Decided applications are not in the queue.
  await w.db.prisma.application.create({ data: { kind: "NEW", status: "REJECTED", applicantId: w.users.alice!.id, subjectType: "INDIVIDUAL", profileId: profile.id, subjectDetails: {}, submittedAt: new Date(T0.getTime() - 10_000 * MIN) } });
  const open = await w.db.prisma.application.findMany({ where: { status: { in: ["SUBMITTED", "NEEDS_INFO", "APPROVED"] } }, select: { id: true, submittedAt: true } });
  inOrder = open.sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((a) => a.id);
});
afterAll(async () => {
  await w?.close();
});

const applicationIds = (items: { kind: string; id: string }[]) => items.filter((i) => i.kind === "application" || i.kind === "change").map((i) => i.id);

describe("the RA queue's first page on a long queue", () => {
  it("oldest first: the longest waiting, in order (id breaks a tie), counted in full", async () => {
    const q = await raWorkQueue(w.as("officer"), { sort: "oldest" });
    expect(applicationIds(q.items)).toEqual(inOrder.slice(0, WORK_QUEUE_PER_KIND));
    const n = WORK_QUEUE_PER_KIND + EXTRA;
    const changes = Array.from({ length: n }, (_, k) => k).filter((k) => k % 10 === 0).length;
    expect(q.counts).toMatchObject({ application: n - changes, change: changes });
    expect(q.total).toBeGreaterThanOrEqual(n);
  });

  it("newest first: the newest, newest first", async () => {
    const q = await raWorkQueue(w.as("officer"), { sort: "newest" });
    expect(applicationIds(q.items)).toEqual(inOrder.slice(-WORK_QUEUE_PER_KIND).reverse());
  });
});
