import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createTimestampAuthority, type IssuedTokenRecord, type TimestampAuthority } from "@/ca/tsa/timestamp-authority";
import { chainOf, type Hierarchy } from "@/ca/hierarchy/hierarchy";
import { POLICY_ARC } from "@/ca/issuance/profiles";
import { fixedClock } from "@/ca/clock";
import { T0, demoHierarchy, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

const POLICY = `${POLICY_ARC}.2.1`;
let h: Hierarchy;
let tmp: TempDir;
let tsa: TimestampAuthority;
const NOW = new Date(T0.getTime() + 3600_000);

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy();
  tsa = createTimestampAuthority({ hierarchy: h, clock: fixedClock(NOW), policyOid: POLICY, accuracySeconds: 1 });
  tmp.file("data.txt", "合同正文 contract text\n");
  tmp.file("root.pem", pem(h.root.entity.certificate));
  tmp.file("chain.pem", chainOf(h, "tsa").map(pem).join(""));
});
afterAll(() => tmp.cleanup());

async function stamp(queryArgs: string[]) {
  const reqFile = tmp.file("req.tsq");
  opensslOk(["ts", "-query", "-data", tmp.file("data.txt"), ...queryArgs, "-out", reqFile]);
  const res = await tsa.handleTimestampRequest((await import("node:fs")).readFileSync(reqFile));
  return { res, reqFile, respFile: tmp.file("resp.tsr", res.body) };
}

describe("TSA", () => {
  it.each([
    ["ok/SHA-256 with nonce and certReq", ["-sha256", "-cert"]],
    ["ok/SHA-512 without nonce or certificate request", ["-sha512", "-no_nonce"]],
    ["ok/requested policy is ours", ["-sha256", "-cert", "-tspolicy", POLICY]],
  ])("%s: openssl ts -verify accepts the token", async (_n, args) => {
    const { res, reqFile, respFile } = await stamp(args);
    expect(res.contentType).toBe("application/timestamp-reply");
    const attime = String(NOW.getTime() / 1000 + 60);
    const v1 = openssl(["ts", "-verify", "-queryfile", reqFile, "-in", respFile, "-CAfile", tmp.file("root.pem"), "-untrusted", tmp.file("chain.pem"), "-attime", attime]);
    expect(v1.stdout + v1.stderr).toContain("Verification: OK");
    const v2 = openssl(["ts", "-verify", "-data", tmp.file("data.txt"), "-in", respFile, "-CAfile", tmp.file("root.pem"), "-untrusted", tmp.file("chain.pem"), "-attime", attime]);
    expect(v2.stdout + v2.stderr).toContain("Verification: OK");
    const text = opensslOk(["ts", "-reply", "-in", respFile, "-text"]);
    expect(text).toContain(`Policy OID: ${POLICY}`);
    expect(text).toContain("Accuracy: 0x01 seconds");
    expect(text).toContain("Time stamp: Mar  1 09:00:00 2026 GMT");
    if (!args.includes("-no_nonce")) expect(text).toMatch(/Nonce: 0x[0-9A-F]+/);
  });

  it("fail/openssl ts -verify rejects the token against other data", async () => {
    const { respFile } = await stamp(["-sha256", "-cert"]);
    const other = tmp.file("other.txt", "tampered\n");
    const v = openssl(["ts", "-verify", "-data", other, "-in", respFile, "-CAfile", tmp.file("root.pem"), "-untrusted", tmp.file("chain.pem"), "-attime", String(NOW.getTime() / 1000 + 60)]);
    expect(v.stdout + v.stderr).toMatch(/message imprint mismatch/);
  });

  it.each([
    ["fail/foreign policy", ["-sha256", "-tspolicy", "1.2.3.4.5"], /Status: Rejected[\s\S]*requested TSA policy is not supported/i],
    ["fail/SHA-1 imprint", ["-sha1"], /Status: Rejected[\s\S]*unrecognized or unsupported algorithm/i],
  ])("%s is rejected with the right failure info", async (_n, args, re) => {
    const { respFile } = await stamp(args);
    expect(opensslOk(["ts", "-reply", "-in", respFile, "-text"])).toMatch(re);
  });

  it.each([
    ["random bytes", randomBytes(64), 200],
    ["truncated", Buffer.from("3082", "hex"), 200],
    ["oversized", Buffer.alloc(10_000, 0x30), 413],
  ])("fail/%s: rejection, never a crash", async (_n, body, status) => {
    const r = await tsa.handleTimestampRequest(body);
    expect(r.status).toBe(status);
    expect(opensslOk(["ts", "-reply", "-in", tmp.file("bad.tsr", r.body), "-text"])).toMatch(/Status: Rejected/);
  });

  it("ok/every token is recorded before it is handed out: serial, time, policy, stamped hash and the token itself", async () => {
    const records: IssuedTokenRecord[] = [];
    const recording = createTimestampAuthority({ hierarchy: h, clock: fixedClock(NOW), policyOid: POLICY, recordToken: async (t) => void records.push(t) });
    const reqFile = tmp.file("rec.tsq");
    opensslOk(["ts", "-query", "-data", tmp.file("data.txt"), "-sha256", "-cert", "-out", reqFile]);
    const res = await recording.handleTimestampRequest(readFileSync(reqFile));
    const text = opensslOk(["ts", "-reply", "-in", tmp.file("rec.tsr", res.body), "-text"]);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(text).toContain(`Serial number: 0x${r.serialHex.toUpperCase()}`);
    expect(r).toMatchObject({ genTime: NOW, policyOid: POLICY, hashedMessageHex: createHash("sha256").update(readFileSync(tmp.file("data.txt"))).digest("hex") });
    // The recorded token is the one inside the reply (the reply is SEQUENCE { status, token }).
    expect(res.body.includes(r.token)).toBe(true);
  });

  it("fail/a token that cannot be recorded is not handed out (systemFailure)", async () => {
    const failing = createTimestampAuthority({ hierarchy: h, clock: fixedClock(NOW), policyOid: POLICY, recordToken: () => Promise.reject(new Error("database down")) });
    const reqFile = tmp.file("fail.tsq");
    opensslOk(["ts", "-query", "-data", tmp.file("data.txt"), "-sha256", "-out", reqFile]);
    const res = await failing.handleTimestampRequest(readFileSync(reqFile));
    expect(opensslOk(["ts", "-reply", "-in", tmp.file("fail.tsr", res.body), "-text"])).toMatch(/Status: Rejected[\s\S]*system failure/i);
  });
});
