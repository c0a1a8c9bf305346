// The public pages read what they show live (src/app/page.tsx explains why they are not
// prerendered): an administrator's publication is on /agreement at once, and the version becomes
// the one in force at its effective instant, with nothing to revalidate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAgreementV1, fillDocument } from "@/domain/agreement";
import { agreementVariablesFromEnv } from "@/server/agreement/internal/agreement-variables";
import { getAgreementText, listAgreementVersions } from "@/server/agreement/list-published-agreement-versions";
import { publishAgreementVersion } from "@/server/agreement/publish-agreement-version";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { caOf } from "@/server/ca-service/wire-context";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { approvedAs } from "../support/approval";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
const clock = fixedClock(new Date("2026-11-24T02:00:00.000Z"));
const meta = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 test" };
const visitor = (): ServiceContext => ({ db: db.prisma, ca: caOf(db.prisma), clock, actor: null, meta });

beforeAll(async () => {
  db = await openTestDb();
  await seedDefaultAgreement(db.prisma, clock.now());
});
afterAll(async () => {
  await db?.close();
});

describe("a publication on the public agreement page", () => {
  it("is listed at once after publishing, and is the version in force from its effective instant", async () => {
    // The page has been read (and would have been cached, were it cached) before the publication.
    const before = await listAgreementVersions(visitor(), {});
    expect(before.map((v) => [v.version, v.current])).toEqual([[1, true]]);

    const admin = await db.prisma.user.create({ data: { email: "admin@example.test", passwordHash: "x", roles: ["CA_ADMIN"], emailVerifiedAt: clock.now() } });
    const vars = agreementVariablesFromEnv({});
    const zh = fillDocument(defaultAgreementV1.texts["zh-CN"], vars["zh-CN"]);
    const en = fillDocument(defaultAgreementV1.texts.en, vars.en);
    const texts = { "zh-CN": { ...zh, title: `${zh.title}（2026年修订）` }, en: { ...en, title: `${en.title} (2026 revision)` } };
    const ctx: ServiceContext = { ...visitor(), actor: { userId: admin.id, roles: ["CA_ADMIN"] } };
    const v2 = await publishAgreementVersion(approvedAs(ctx, "AGREEMENT_PUBLICATION"), { texts, effectiveAt: "2026-11-25T00:00:00.000Z", changeSummary: "title" });

    const after = await listAgreementVersions(visitor(), {});
    expect(after.map((v) => [v.version, v.current, v.upcoming])).toEqual([
      [2, false, true],
      [1, true, false],
    ]);
    const text = await getAgreementText(visitor(), { version: 2, locale: "zh-CN" });
    expect(text).toMatchObject({ version: 2, contentHash: v2.contentHash });
    expect(text!.document.title).toContain("2026年修订");

    clock.set(new Date("2026-11-25T00:00:01Z"));
    const inForce = await listAgreementVersions(visitor(), {});
    expect(inForce.find((v) => v.current)?.version).toBe(2);
  });
});
