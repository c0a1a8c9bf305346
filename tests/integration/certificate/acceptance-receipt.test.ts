import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { getAcceptanceReceipt, RECEIPT_TYPE } from "@/server/certificate/get-acceptance-receipt";
import { listMyAcceptances } from "@/server/agreement/list-my-acceptances";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { caOf } from "@/server/ca-service/wire-context";
import { acceptFor, openWorld, sh, type World } from "./fixtures";
import { openssl } from "./pki-helpers";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-02 10:15"));
});
afterAll(async () => {
  await w?.close();
});

describe("agreement acceptance receipt (issue 4, Agreement)", () => {
  it("only the person who accepted gets it; openssl verifies the CA signature and the timestamp", async () => {
    const { acceptanceId } = await acceptFor(w, "alice", "APPLY");
    await expect(getAcceptanceReceipt(w.as("bob"), { acceptanceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAcceptanceReceipt(w.as("officer"), { acceptanceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    w.clock.set(sh("2026-03-02 10:20"));
    const r = await getAcceptanceReceipt(w.as("alice"), { acceptanceId });
    const doc = JSON.parse(r.json) as { type: string; acceptance: Record<string, unknown> };
    expect(doc.type).toBe(RECEIPT_TYPE);
    // The record alone: no time of fetching inside (that is the signature's and the token's).
    expect(r.json).not.toContain("issuedAt");
    expect(doc.acceptance).toMatchObject({ id: acceptanceId, agreementVersion: 1, context: "APPLY", method: "ONLINE_CLICK", acceptedAt: sh("2026-03-02 10:15").toISOString(), ip: "203.0.113.7" });

    const ca = await caOf(w.db.prisma)();
    const root = w.tmp.file("root.pem", derToPem(ca.hierarchy.root.entity.certificate, "CERTIFICATE"));
    const chain = w.tmp.file("chain.pem", r.chainPem);
    const cmsFile = w.tmp.file("receipt.p7m", r.p7s);
    const out = w.tmp.file("receipt.out.json");
    const v = openssl(["cms", "-verify", "-binary", "-inform", "DER", "-in", cmsFile, "-CAfile", root, "-out", out]);
    expect(v.out).toContain("Verification successful");
    expect(readFileSync(out, "utf8")).toBe(r.json);

    const data = w.tmp.file("receipt.json", r.json);
    const token = w.tmp.file("receipt.tst", r.timestampToken);
    const ts = openssl(["ts", "-verify", "-data", data, "-in", token, "-token_in", "-CAfile", root, "-untrusted", chain]);
    expect(ts.out).toContain("Verification: OK");
    const tsText = openssl(["ts", "-reply", "-in", token, "-token_in", "-token_out", "-text"]).out;
    expect(tsText).toContain("Mar  2 02:20:00 2026 GMT");

    // A changed byte in the document breaks both.
    const tampered = w.tmp.file("tampered.json", r.json.replace('"APPLY"', '"RENEW"'));
    expect(openssl(["ts", "-verify", "-data", tampered, "-in", token, "-token_in", "-CAfile", root, "-untrusted", chain]).out).not.toContain("Verification: OK");
  });

  it("the my-data page lists each person's own acceptances only, newest first, with what its receipt route needs", async () => {
    const before = await listMyAcceptances(w.as("bob"), {});
    w.clock.set(sh("2026-03-03 09:00"));
    const { acceptanceId } = await acceptFor(w, "bob", "DOWNLOAD");
    const mine = await listMyAcceptances(w.as("bob"), {});
    expect(mine).toHaveLength(before.length + 1);
    expect(mine[0]).toMatchObject({ acceptanceId, context: "DOWNLOAD", method: "ONLINE_CLICK", agreementVersion: 1, organisationName: null });
    const alices = (await listMyAcceptances(w.as("alice"), {})).map((a) => a.acceptanceId);
    expect(alices).not.toContain(acceptanceId);
    // The listed id is the one the receipt route fetches, for its owner only.
    expect((await getAcceptanceReceipt(w.as("bob"), { acceptanceId })).acceptanceId).toBe(acceptanceId);
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
