// A revocation is committed first and published after (OCSP re-sign, CRL shard). A portal killed in
// between, or a publication that failed, leaves a young stored CRL that misses a committed
// revocation; the crash-safety test found one. The rows are the truth: the served CRL and the
// periodic refresh re-sign such a shard at once, not up to an hour later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caOf } from "@/server/ca-service/wire-context";
import { currentCrl, refreshStaleCrls } from "@/server/ca-service/crl-publisher";
import { serveCrl } from "@/server/ca-service/pki-http";
import { revokeCertificate } from "@/server/revocation/revoke-certificate";
import { testKeyCompromise } from "@/testing/cascade-evidence";
import { crlSerial, crlText, issueCert, openWorld, openssl, type World } from "./fixtures";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
});
afterAll(async () => {
  await w?.close();
});

/** The committed revocation of a process that died before its afterCommit publication. */
async function revokeWithoutPublishing(certificateId: string) {
  await w.db.prisma.$transaction((tx) => revokeCertificate(tx, { certificateId, reason: "KEY_COMPROMISE", at: w.clock.now(), revokedById: null, keyCompromise: testKeyCompromise(tx, w.clock.now()) }));
}

async function servedCrlText(caId: string, shard: number): Promise<string> {
  const served = await serveCrl(w.db.prisma, caId, `${shard}.crl`, w.clock);
  expect(served.status).toBe(200);
  return openssl(["crl", "-inform", "DER", "-noout", "-text"], Buffer.from(served.body)).out;
}

describe("a revocation committed but never published", () => {
  it("is in the served CRL at once, though the stored CRL is minutes old", async () => {
    const ca = await caOf(w.db.prisma)();
    const c = await issueCert(w, { user: "alice" });
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id }, select: { issuerId: true, crlShard: true, serialHex: true } });
    const caId = ca.entityIdOf(row.issuerId);
    const before = await currentCrl(w.db.prisma, ca, caId, row.crlShard, w.clock.now());
    expect(await servedCrlText(caId, row.crlShard)).not.toContain(crlSerial(row.serialHex));

    w.clock.advance(60_000);
    await revokeWithoutPublishing(c.id);
    w.clock.advance(60_000);
    const text = await servedCrlText(caId, row.crlShard);
    expect(text).toContain(crlSerial(row.serialHex));
    expect(text).toContain("Key Compromise");
    const after = await currentCrl(w.db.prisma, ca, caId, row.crlShard, w.clock.now());
    expect(after.crlNumber).toBe(before.crlNumber + 1);
    // Published once: the next fetch serves the stored one again.
    expect((await currentCrl(w.db.prisma, ca, caId, row.crlShard, w.clock.now())).crlNumber).toBe(after.crlNumber);
  });

  it("is published by the periodic refresh, which leaves shards that match their rows alone", async () => {
    const ca = await caOf(w.db.prisma)();
    const c = await issueCert(w, { user: "bob" });
    await refreshStaleCrls(w.db.prisma, ca, w.clock.now());
    expect(await refreshStaleCrls(w.db.prisma, ca, w.clock.now())).toBe(0);
    w.clock.advance(60_000);
    await revokeWithoutPublishing(c.id);
    expect(await refreshStaleCrls(w.db.prisma, ca, w.clock.now())).toBe(1);
    expect(await crlText(w, c)).toContain(crlSerial(c.serialHex));
    expect(await refreshStaleCrls(w.db.prisma, ca, w.clock.now())).toBe(0);
  });
});
