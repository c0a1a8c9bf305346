// Rules the database itself enforces, whatever the code above it does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { openTestDb, type Database } from "../support/test-db";
import { makeAgreementVersion, makeCertificate, makeIssuer, makeProfile, makeUser } from "./fixtures";

let db: Database;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

function uniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

describe("certificate serials", () => {
  it("are unique per issuer, and may repeat across issuers", async () => {
    const [a, b, profile] = [await makeIssuer(db), await makeIssuer(db), await makeProfile(db)];
    await makeCertificate(db, a.id, profile.id, "0badc0de");
    const again = await makeCertificate(db, a.id, profile.id, "0badc0de").catch((e: unknown) => e);
    expect(uniqueViolation(again)).toBe(true);
    await expect(makeCertificate(db, b.id, profile.id, "0badc0de")).resolves.toMatchObject({ serialHex: "0badc0de" });
  });

  it("allow one revocation per certificate", async () => {
    const [issuer, profile] = [await makeIssuer(db), await makeProfile(db)];
    const cert = await makeCertificate(db, issuer.id, profile.id, "01");
    await db.prisma.revocation.create({ data: { certificateId: cert.id, reasonCode: "KEY_COMPROMISE", revokedAt: new Date() } });
    const second = await db.prisma.revocation
      .create({ data: { certificateId: cert.id, reasonCode: "SUPERSEDED", revokedAt: new Date() } })
      .catch((e: unknown) => e);
    expect(uniqueViolation(second)).toBe(true);
  });
});

describe("agreement acceptances", () => {
  it("keep one active record per subject: a person for themselves, or an organisation whoever accepted for it (one acceptance rule)", async () => {
    const user = await makeUser(db);
    const version = await makeAgreementVersion(db, 101);
    const org = await db.prisma.organisation.create({ data: { name: "某公司", unifiedSocialCreditCode: "91350100M000100Y43" } });
    const other = await makeUser(db);
    const accept = (context: "APPLY" | "RENEW", onBehalfOfOrganisationId?: string, userId = user.id) =>
      db.prisma.agreementAcceptance.create({
        data: {
          versionId: version.id,
          contentHash: version.contentHash,
          userId,
          onBehalfOfOrganisationId,
          acceptedAt: new Date(),
          method: "ONLINE_CLICK",
          context,
        },
      });

    const first = await accept("APPLY");
    expect(uniqueViolation(await accept("APPLY").catch((e: unknown) => e))).toBe(true);
    // The context is evidence only: a second active acceptance of the same person in another context is refused too.
    expect(uniqueViolation(await accept("RENEW").catch((e: unknown) => e))).toBe(true);
    // Acting for an organisation is another subject; the organisation has one, whichever agent accepted.
    const forOrg = await accept("APPLY", org.id);
    expect(uniqueViolation(await accept("RENEW", org.id).catch((e: unknown) => e))).toBe(true);
    expect(uniqueViolation(await accept("APPLY", org.id, other.id).catch((e: unknown) => e))).toBe(true);

    // Superseding the old record frees the slot, in one transaction as the use case does it.
    await db.prisma.$transaction(async (tx) => {
      await tx.agreementAcceptance.update({ where: { id: first.id }, data: { supersededAt: new Date() } });
      const next = await tx.agreementAcceptance.create({
        data: { versionId: version.id, contentHash: version.contentHash, userId: user.id, acceptedAt: new Date(), method: "ONLINE_CLICK", context: "APPLY" },
      });
      await tx.agreementAcceptance.update({ where: { id: first.id }, data: { supersededById: next.id } });
    });
    const active = await db.prisma.agreementAcceptance.count({ where: { userId: user.id, supersededAt: null } });
    expect(active).toBe(2); // one for the user, one for the organisation
    expect(forOrg.onBehalfOfOrganisationId).toBe(org.id);
  });
});

describe("audit log", () => {
  async function addEvent(seq: number) {
    return db.prisma.auditEvent.create({
      data: { seq, at: new Date(), actorRoles: [], action: "test.event", subjectType: "Test", summary: { n: seq }, prevHash: "0", hash: `h-${seq}` },
    });
  }

  it("accepts inserts and refuses UPDATE, DELETE and TRUNCATE", async () => {
    await addEvent(1);
    await addEvent(2);
    await expect(db.prisma.auditEvent.update({ where: { seq: 1 }, data: { action: "forged" } })).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.prisma.auditEvent.updateMany({ data: { action: "forged" } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.delete({ where: { seq: 2 } })).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    const rows = await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [1, "test.event"],
      [2, "test.event"],
    ]);
  });

  it("can be tampered with only by deliberately disabling the trigger (how tamper tests do it)", async () => {
    await addEvent(10);
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
      await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'forged' WHERE seq = 10`);
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    });
    expect((await db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 10 } })).action).toBe("forged");
    await expect(db.prisma.auditEvent.update({ where: { seq: 10 }, data: { action: "again" } })).rejects.toThrow(/append-only/);
  });
});

describe("check constraints", () => {
  it("refuse a certificate that expires before it starts, and negative fees", async () => {
    const [issuer, profile] = [await makeIssuer(db), await makeProfile(db)];
    const now = new Date();
    await expect(
      db.prisma.certificate.create({
        data: {
          issuerId: issuer.id,
          profileId: profile.id,
          serialHex: "0c",
          subjectDn: "CN=T",
          subjectDer: Buffer.from([0x30, 0]),
          publicKeySha256: "00".repeat(32),
          notBefore: now,
          notAfter: now,
          der: Buffer.from([0x30, 0]),
          keyGeneration: "CLIENT_CSR",
        },
      }),
    ).rejects.toThrow(/Certificate_validity_check/);
    await expect(db.prisma.certificateProfile.update({ where: { id: profile.id }, data: { feeCents: -1 } })).rejects.toThrow(
      /CertificateProfile_values_check/,
    );
  });
});
