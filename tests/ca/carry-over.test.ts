// A renewal that continues the old certificate's validity (issue 13, item 3): the engine adds the
// carried-over time after the profile's validity, and refuses any carry it could not have been
// asked for honestly (negative, not a number, or beyond MAX_CARRY_OVER_DAYS).
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { issueFromCsr, MAX_CARRY_OVER_DAYS, type IssuanceDeps } from "@/ca/issuance/issue-certificate";
import { CaError } from "@/ca/errors";
import { DAY_MS, fixedClock } from "@/ca/clock";
import { T0, demoHierarchy, memoryRegistry } from "./helpers/fixture";
import { TempDir, opensslOk } from "./helpers/openssl";

let tmp: TempDir;
let deps: IssuanceDeps;
let n = 0;
const now = new Date(T0.getTime() + 3600_000);
const person = { country: "CN", fullName: "张三" };
const scope = { kind: "项目" as const, name: "智慧政务平台" };

function csr(): string {
  const key = tmp.file(`k${++n}.key`);
  opensslOk(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
  return opensslOk(["req", "-new", "-key", key, "-sha256", "-subj", "/CN=x"]);
}
const issue = (carryOverMs?: number) =>
  issueFromCsr(deps, { profileId: "individual-signing", subject: person, subscriberId: `s${n}`, usageScope: scope, csr: csr(), ...(carryOverMs === undefined ? {} : { carryOverMs }) });

beforeAll(async () => {
  tmp = new TempDir();
  const reg = memoryRegistry();
  deps = { hierarchy: await demoHierarchy(), clock: fixedClock(now), serials: reg.serials, keyOwnership: reg.keyOwnership };
});
afterAll(() => tmp.cleanup());

describe("carried-over validity", () => {
  it("none: the profile's 365 days", async () => {
    const c = await issue();
    expect(c.notAfter.getTime() - c.notBefore.getTime()).toBe(365 * DAY_MS - 1000);
  });
  it("30 days and a second: the profile's validity plus exactly that, in whole seconds", async () => {
    const c = await issue(30 * DAY_MS + 1000 + 999);
    expect(c.notAfter.getTime() - c.notBefore.getTime()).toBe(395 * DAY_MS);
  });
  it("the ceiling itself is allowed", async () => {
    const c = await issue(MAX_CARRY_OVER_DAYS * DAY_MS);
    expect(c.notAfter.getTime() - c.notBefore.getTime()).toBe((365 + MAX_CARRY_OVER_DAYS) * DAY_MS - 1000);
  });
  it.each([["negative", -1], ["beyond the ceiling", MAX_CARRY_OVER_DAYS * DAY_MS + 1], ["not a number", Number.NaN], ["infinite", Number.POSITIVE_INFINITY]])("fail/%s: ISSUANCE_CHECK_FAILED, nothing signed", async (_n, carry) => {
    const e = await issue(carry).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CaError);
    expect((e as CaError).code).toBe("ISSUANCE_CHECK_FAILED");
  });
});
