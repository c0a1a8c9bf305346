// An administrator publishes every CRL shard at once (after an incident, without waiting for the
// hourly refresh): each shard gets the next CRL number and a CRL openssl accepts, and the
// publication is one audit event listing what was signed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caOf } from "@/server/ca-service/wire-context";
import { publishCrlsNow } from "@/server/ca-service/publish-crls-now";
import { verifyAuditChain } from "@/server/core/audit";
import { openWorld, type World } from "../certificate/fixtures";
import { openssl, pem } from "../certificate/pki-helpers";

let w: World;
beforeAll(async () => {
  w = await openWorld();
}, 120_000);
afterAll(async () => w?.close());

const shards = () => w.db.prisma.crlShard.findMany({ include: { issuingCa: { select: { name: true, certificateDer: true } } }, orderBy: [{ issuingCaId: "asc" }, { shard: "asc" }] });

describe("publish CRLs now", () => {
  it("signs the next CRL of every shard of every CRL issuer, each accepted by openssl, and audits the list", async () => {
    const before = new Map((await shards()).map((s) => [`${s.issuingCaId}/${s.shard}`, s.crlNumber]));
    w.clock.set(new Date(w.clock.now().getTime() + 60_000));
    const r = await publishCrlsNow(w.as("admin"));
    const after = await shards();
    // The test CA: the root (1 shard) and the issuing CA (2 shards).
    expect(r.count).toBe(3);
    expect(after).toHaveLength(3);
    for (const s of after) {
      expect(s.crlNumber).toBe((before.get(`${s.issuingCaId}/${s.shard}`) ?? 0) + 1);
      expect(s.thisUpdate?.getTime()).toBe(Math.floor(w.clock.now().getTime() / 1000) * 1000);
      const issuer = w.tmp.file(`crl-issuer-${s.id}.pem`, pem(s.issuingCa.certificateDer));
      const out = openssl(["crl", "-inform", "DER", "-noout", "-CAfile", issuer, "-text"], s.der!).out;
      expect(out).toContain("verify OK");
      expect(out).toMatch(new RegExp(`X509v3 CRL Number:\\s*\\n\\s*${s.crlNumber}\\b`));
    }
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "ca.crl-published-now" }, orderBy: { seq: "desc" } });
    expect(event.actorId).toBe(w.users.admin!.id);
    const listed = (event.summary as { shards: { shard: number; crlNumber: number }[] }).shards;
    expect(listed.map((x) => x.crlNumber).sort()).toEqual(after.map((s) => s.crlNumber).sort());
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
  });

  it("is refused to anyone but a CA administrator, before anything is signed", async () => {
    await caOf(w.db.prisma)();
    const before = (await shards()).map((s) => s.crlNumber);
    for (const who of ["officer", "auditor", "alice"]) await expect(publishCrlsNow(w.as(who))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await shards()).map((s) => s.crlNumber)).toEqual(before);
  });
});
