import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { attachDocument } from "@/server/application/attach-document";
import { createApplication } from "@/server/application/create-application";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";
import { verifyAuditChain } from "@/server/core/audit";
import { fixedClock } from "@/server/core/context";
import { documentKeyRing, makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { readDocument } from "@/server/document/read-document";
import { sniffDocumentType } from "@/server/document/internal/sniff-type";
import { grantAgentAuthorisation } from "@/server/organisation/grant-agent-authorisation";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { verifyAgentAuthorisation } from "@/server/organisation/verify-agent-authorisation";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { recordIdentity } from "@/server/subscriber/record-identity";
import { openTestDb, type Database } from "../support/test-db";
import { SD, actors, exeBytes, expectCode, jpegBytes, pdfBytes, pngBytes, residentId, uscc } from "./fixtures";

let db: Database;
const clock = fixedClock(new Date("2026-05-11T03:00:00.000Z"));
let A: ReturnType<typeof actors>;
const key1 = randomBytes(32);
let aliceDoc: string;
let orgDoc: string;
let letterDoc: string;

async function accept(name: string, onBehalfOfOrganisationId?: string) {
  const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
  await acceptAgreement(A.as(name), { version: v.version, contentHash: v.contentHash, context: "APPLY", locale: "en", onBehalfOfOrganisationId });
}

beforeAll(async () => {
  db = await openTestDb();
  setDocumentKeyRing(makeDocumentKeyRing(key1));
  A = actors(db, clock);
  await seedDefaultAgreement(db.prisma, clock.now(), {});
  await seedCertificateProfiles(db.prisma, clock.now());
  await seedDefaultRegistrationAuthority(db.prisma, clock.now());
  for (const n of ["alice", "bob", "orgAdmin", "agent", "stranger"]) await A.make(n, ["SUBSCRIBER"]);
  await A.make("officer", ["RA_OFFICER"]);
  await A.make("auditor", ["AUDITOR"]);

  await recordIdentity(A.as("alice"), { legalName: "Alice", idDocument: { type: "RESIDENT_ID_CARD", number: residentId() } });
  await accept("alice");
  const app = await createApplication(A.as("alice"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD });
  aliceDoc = (await attachDocument(A.as("alice"), { applicationId: app.applicationId, kind: "ID_FRONT", file: { fileName: "front.jpg", bytes: jpegBytes(9) } })).id;

  const org = await registerOrganisation(A.as("orgAdmin"), { name: "Example Ltd", unifiedSocialCreditCode: uscc("91440300MA5F") });
  const grant = await grantAgentAuthorisation(A.as("orgAdmin"), {
    organisationId: org.id,
    agentEmail: "agent@example.test",
    scope: ["APPLY"],
    validFrom: clock.now().toISOString(),
    validUntil: new Date(clock.now().getTime() + 30 * 86_400_000).toISOString(),
    letter: { fileName: "letter.pdf", bytes: pdfBytes("letter") },
  });
  letterDoc = grant.letterDocumentId;
  // The agent may act once an RA officer checked the letter.
  await verifyAgentAuthorisation(A.as("officer"), { authorisationId: grant.authorisationId });
  await accept("agent");
  await accept("agent", org.id);
  const orgApp = await createApplication(A.as("agent"), { kind: "NEW", profileCode: "organization-seal", organisationId: org.id, subjectDetails: { ...SD, country: "CN", sealName: "公章" } });
  orgDoc = (await attachDocument(A.as("agent"), { applicationId: orgApp.applicationId, kind: "BUSINESS_LICENCE", file: { fileName: "licence.png", bytes: pngBytes() } })).id;
});
afterAll(async () => {
  setDocumentKeyRing(null);
  await db?.close();
});

describe("document type by content", () => {
  it.each([
    ["png", pngBytes(), { ok: true, type: "image/png" }],
    ["jpeg", jpegBytes(), { ok: true, type: "image/jpeg" }],
    ["jpeg padded", Buffer.concat([jpegBytes(), Buffer.alloc(7)]), { ok: true, type: "image/jpeg" }],
    ["pdf", pdfBytes(), { ok: true, type: "application/pdf" }],
    ["exe", exeBytes(), { ok: false, code: "DOCUMENT_TYPE_NOT_ALLOWED" }],
    ["zip", Buffer.from("PK\x03\x04rest-of-archive", "latin1"), { ok: false, code: "DOCUMENT_TYPE_NOT_ALLOWED" }],
    ["html", Buffer.from("<html><script>alert(1)</script></html>"), { ok: false, code: "DOCUMENT_TYPE_NOT_ALLOWED" }],
    ["png header on garbage", Buffer.concat([pngBytes().subarray(0, 8), randomBytes(100)]), { ok: false, code: "DOCUMENT_CORRUPT" }],
    ["png with broken IHDR crc", (() => { const b = pngBytes(); b[20] = b[20]! ^ 0xff; return b; })(), { ok: false, code: "DOCUMENT_CORRUPT" }],
    ["png truncated", pngBytes().subarray(0, 40), { ok: false, code: "DOCUMENT_CORRUPT" }],
    ["png with a payload after IEND", Buffer.concat([pngBytes(), Buffer.from("MZ-payload")]), { ok: false, code: "DOCUMENT_CORRUPT" }],
    ["jpeg without end marker", jpegBytes().subarray(0, 50), { ok: false, code: "DOCUMENT_CORRUPT" }],
    ["pdf without trailer", Buffer.from("%PDF-1.7\n garbage"), { ok: false, code: "DOCUMENT_CORRUPT" }],
  ])("%s", (_name, bytes, expected) => {
    expect(sniffDocumentType(bytes)).toEqual(expected);
  });
});

describe("reading documents", () => {
  it("gives the bytes back to the owner, unchanged", async () => {
    const r = await readDocument(A.as("alice"), { documentId: aliceDoc });
    expect(Buffer.from(r.bytes).equals(jpegBytes(9))).toBe(true);
    expect(r).toMatchObject({ contentType: "image/jpeg", fileName: "front.jpg" });
  });

  it("refuses strangers and other subscribers as if the document did not exist", async () => {
    await expectCode(readDocument(A.as("bob"), { documentId: aliceDoc }), "NOT_FOUND");
    await expectCode(readDocument(A.as("stranger"), { documentId: orgDoc }), "NOT_FOUND");
    await expectCode(readDocument(A.as("auditor"), { documentId: aliceDoc }), "NOT_FOUND");
    await expectCode(readDocument(A.as("alice"), { documentId: orgDoc }), "NOT_FOUND");
    await expectCode(readDocument(A.as("bob"), { documentId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    await expectCode(readDocument({ ...A.as("bob"), actor: null }, { documentId: aliceDoc }), "UNAUTHENTICATED");
  });

  it("lets the organisation's admin and its agent read its papers; the letter is for the admin and the named agent", async () => {
    expect((await readDocument(A.as("orgAdmin"), { documentId: orgDoc })).contentType).toBe("image/png");
    expect((await readDocument(A.as("agent"), { documentId: orgDoc })).contentType).toBe("image/png");
    expect((await readDocument(A.as("agent"), { documentId: letterDoc })).contentType).toBe("application/pdf");
    expect((await readDocument(A.as("orgAdmin"), { documentId: letterDoc })).contentType).toBe("application/pdf");
    await expectCode(readDocument(A.as("stranger"), { documentId: letterDoc }), "NOT_FOUND");
  });

  it("lets RA officers read any document and audits every read with who and why", async () => {
    await readDocument(A.as("officer"), { documentId: aliceDoc });
    const events = await db.prisma.auditEvent.findMany({ where: { action: "document.read", subjectId: aliceDoc }, orderBy: { seq: "asc" } });
    const byOfficer = events.find((e) => e.actorId === A.ids.officer)!;
    expect(byOfficer.summary).toMatchObject({ via: "RA_OFFICER", kind: "ID_FRONT", ownerUserId: A.ids.alice });
    expect(byOfficer.ip).toBe("198.51.100.4");
    // Refused reads leave no event (nothing was disclosed), granted ones always do.
    expect(events.map((e) => e.actorId).sort()).toEqual([A.ids.alice, A.ids.officer].sort());
  });

  it("detects tampering: changed ciphertext, and ciphertext moved to another row", async () => {
    const a = await db.prisma.document.findUniqueOrThrow({ where: { id: aliceDoc } });
    const flipped = Buffer.from(a.encrypted!);
    flipped[0] = flipped[0]! ^ 1;
    await db.prisma.document.update({ where: { id: aliceDoc }, data: { encrypted: new Uint8Array(flipped) } });
    await expectCode(readDocument(A.as("alice"), { documentId: aliceDoc }), "DOCUMENT_INTEGRITY");
    const o = await db.prisma.document.findUniqueOrThrow({ where: { id: orgDoc } });
    await db.prisma.document.update({ where: { id: aliceDoc }, data: { encrypted: o.encrypted, iv: o.iv, tag: o.tag } });
    await expectCode(readDocument(A.as("alice"), { documentId: aliceDoc }), "DOCUMENT_INTEGRITY");
    await db.prisma.document.update({ where: { id: aliceDoc }, data: { encrypted: a.encrypted, iv: a.iv, tag: a.tag } });
    await readDocument(A.as("alice"), { documentId: aliceDoc });
  });

  it("reads documents written under a previous key after a rotation; new ones use the new key", async () => {
    const key2 = randomBytes(32);
    setDocumentKeyRing(makeDocumentKeyRing(key2, [key1]));
    expect(Buffer.from((await readDocument(A.as("alice"), { documentId: aliceDoc })).bytes).equals(jpegBytes(9))).toBe(true);
    const app = await db.prisma.application.findFirstOrThrow({ where: { applicantId: A.ids.alice } });
    const d = await attachDocument(A.as("alice"), { applicationId: app.id, kind: "ID_BACK", file: { fileName: "back.pdf", bytes: pdfBytes("back") } });
    const [oldRow, newRow] = await Promise.all([db.prisma.document.findUniqueOrThrow({ where: { id: aliceDoc } }), db.prisma.document.findUniqueOrThrow({ where: { id: d.id } })]);
    expect(oldRow.keyId).not.toBe(newRow.keyId);
    // Without the old key the old document cannot be read, and says so.
    setDocumentKeyRing(makeDocumentKeyRing(key2));
    await expectCode(readDocument(A.as("alice"), { documentId: aliceDoc }), "DOCUMENT_INTEGRITY");
    setDocumentKeyRing(makeDocumentKeyRing(key2, [key1]));
  });

  it("generates the embedded default key once into the data folder, private to the owner", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "doc-key-"));
    const saved = { DATA_DIR: process.env.DATA_DIR, KEY: process.env.DOCUMENT_ENCRYPTION_KEY, URL: process.env.DATABASE_URL };
    process.env.DATA_DIR = dir;
    delete process.env.DOCUMENT_ENCRYPTION_KEY;
    delete process.env.DATABASE_URL;
    try {
      setDocumentKeyRing(null);
      const first = await documentKeyRing();
      const file = path.join(dir, "document-key");
      expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64").equals(first.current.key)).toBe(true);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      setDocumentKeyRing(null);
      expect((await documentKeyRing()).current.id).toBe(first.current.id);
      process.env.DATABASE_URL = "postgresql://x@127.0.0.1/none";
      setDocumentKeyRing(null);
      await expect(documentKeyRing()).rejects.toThrow(/DOCUMENT_ENCRYPTION_KEY is required/);
      process.env.DOCUMENT_ENCRYPTION_KEY = randomBytes(16).toString("base64");
      setDocumentKeyRing(null);
      await expect(documentKeyRing()).rejects.toThrow(/32 bytes/);
    } finally {
      for (const [k, v] of [["DATA_DIR", saved.DATA_DIR], ["DOCUMENT_ENCRYPTION_KEY", saved.KEY], ["DATABASE_URL", saved.URL]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      setDocumentKeyRing(makeDocumentKeyRing(key1));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("leaves a valid audit chain", async () => {
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });
});
