// Every OCSP response the CA signs is answered from memory and recorded in OcspResponse (the
// newest per certificate), so the administrators' CA status shows the pre-signing state of the
// whole CA. The recorded response is the one relying parties get: openssl verifies it, and it
// follows the certificate's status.
// openssl ocsp checks thisUpdate/nextUpdate against the real clock, so this file runs at real time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caOf } from "@/server/ca-service/wire-context";
import { reportLoss } from "@/server/revocation/report-loss";
import { adminOverview } from "@/server/ca-status/admin-overview";
import { caFiles, issueCert, ocspAnswer, openWorld, openssl, type World } from "./fixtures";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
});
afterAll(async () => {
  await w?.close();
});

async function recorded(certificateId: string) {
  await (await caOf(w.db.prisma)()).flushOcspRecords();
  return w.db.prisma.ocspResponse.findUnique({ where: { certificateId } });
}

async function opensslReads(der: Uint8Array, certFile: string): Promise<string> {
  const { issuer, root } = await caFiles(w);
  const file = w.tmp.file(`recorded-${Math.random().toString(36).slice(2)}.der`, der);
  return openssl(["ocsp", "-respin", file, "-issuer", issuer, "-cert", certFile, "-CAfile", root, "-verify_other", issuer, "-resp_text"]).out;
}

describe("recorded OCSP responses", () => {
  it("records the response signed for a request and replaces it when the status changes", async () => {
    const c = await issueCert(w, { user: "alice" });
    expect(await recorded(c.id)).toBeNull();
    expect(await ocspAnswer(w, c)).toMatch(/: good/);
    const first = await recorded(c.id);
    expect(first).not.toBeNull();
    const good = await opensslReads(first!.der, c.certFile);
    expect(good).toContain("Response verify OK");
    expect(good).toMatch(/: good/);
    expect(first!.nextUpdate.getTime()).toBeGreaterThan(first!.producedAt.getTime());

    w.clock.advance(2_000);
    await reportLoss(w.as("alice"), { certificateId: c.id, note: "U盾丢失" });
    const second = await recorded(c.id);
    expect(second!.producedAt.getTime()).toBeGreaterThan(first!.producedAt.getTime());
    const held = await opensslReads(second!.der, c.certFile);
    expect(held).toContain("Response verify OK");
    expect(held).toMatch(/Reason: certificateHold/);
  });

  it("gives the administrators' CA status real counts", async () => {
    const ctx = w.as("admin");
    const before = (await adminOverview(ctx, {})).ocsp;
    const c = await issueCert(w, { user: "bob" });
    const unanswered = (await adminOverview(ctx, {})).ocsp;
    expect(unanswered.liveWithoutResponse).toBe(before.liveWithoutResponse + 1);
    await ocspAnswer(w, c);
    await recorded(c.id);
    const after = (await adminOverview(ctx, {})).ocsp;
    expect(after.held).toBe(before.held + 1);
    expect(after.liveWithoutResponse).toBe(before.liveWithoutResponse);
    expect(after.stale).toBe(0);
  });
});
