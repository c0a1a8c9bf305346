// Issue 11, item 3: the agent page's read model offers renewal from the same domain answer the
// renewal use case enforces. The page used to offer it during the test window, which the use
// case refuses; here both say no in the window and yes once accepted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestRenewal } from "@/server/renewal/request-renewal";
import { listOrganisationCertificates } from "@/server/certificate/list-organisation-certificates";
import { DAY, acceptFor, certRow, expectCode, openWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  await acceptFor(w, "agent", "RENEW", w.orgId);
}, 120_000);
afterAll(async () => {
  await w?.close();
});

const offerFor = async (certificateId: string) => {
  const list = await listOrganisationCertificates(w.as("agent"), {});
  return list.certificates.find((c) => c.id === certificateId)!;
};

describe("what the agent page offers and what the renewal use case does agree", () => {
  it("fail/renew in the test window: not offered, and refused with the reason given", async () => {
    const cert = await certRow(w, { org: true }, { accepted: false });
    const row = await offerFor(cert.id);
    expect(row.status).toBe("IN_TEST_WINDOW");
    expect(row.can.renew).toEqual({ ok: false, reason: "CERT_NOT_RENEWABLE" });
    expect(row.can.rekey).toEqual({ ok: false, reason: "CERT_NOT_RENEWABLE" });
    await expectCode(requestRenewal(w.as("agent"), { certificateId: cert.id, kind: "RENEW" }), "CERT_NOT_RENEWABLE");
  });

  it("ok/renew once accepted: offered, and the use case starts the renewal", async () => {
    const cert = await certRow(w, { org: true });
    const row = await offerFor(cert.id);
    expect(row.status).toBe("ACCEPTED_EXPLICIT");
    // Inside the profile's window (default: until 365 days after notAfter), which the page shows.
    const notAfter = (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).notAfter;
    expect(row.can.renew).toEqual({ ok: true, until: new Date(notAfter.getTime() + 365 * DAY) });
    await expect(requestRenewal(w.as("agent"), { certificateId: cert.id, kind: "RENEW" })).resolves.toMatchObject({ status: "DRAFT" });
  });

  it("fail/renew before the window opens: the page names the opening date, the use case refuses with it, nothing is written", async () => {
    const cert = await certRow(w, { org: true }, { expiresInDays: 200 });
    const notAfter = (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).notAfter;
    const opensAt = new Date(notAfter.getTime() - 90 * DAY);
    expect((await offerFor(cert.id)).can.renew).toEqual({ ok: false, reason: "CERT_RENEWAL_TOO_EARLY", at: opensAt });
    const before = await w.db.prisma.application.count();
    expect(await expectCode(requestRenewal(w.as("agent"), { certificateId: cert.id, kind: "REKEY" }), "CERT_RENEWAL_TOO_EARLY")).toEqual({ opensAt: opensAt.toISOString() });
    expect(await w.db.prisma.application.count()).toBe(before);
  });

  it("fail/renew a revoked certificate: not offered, refused", async () => {
    const cert = await certRow(w, { org: true });
    await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { revokedAt: new Date(w.clock.now().getTime() - 1000), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
    expect((await offerFor(cert.id)).can.renew).toEqual({ ok: false, reason: "CERT_NOT_RENEWABLE" });
    await expectCode(requestRenewal(w.as("agent"), { certificateId: cert.id, kind: "RENEW" }), "CERT_NOT_RENEWABLE");
  });
});
