import { createHash } from "node:crypto";
import { z } from "zod";
import { deriveCertificateState } from "@/domain/certificate";
import { isCaAdmin } from "@/server/auth";
import { certificateFacts } from "@/server/shared";
import { canonicalJson, type Tx, domainError, defineUseCase } from "@/server/core";
import { readCessation } from "./cessation";

export const exportForSuccessorInput = z.object({});

export interface HandOverFile {
  name: string;
  /** NDJSON: one canonical JSON object per line, each line ending in "\n". */
  content: string;
  sha256: string;
  lines: number;
  bytes: number;
}

export interface HandOverManifest {
  format: "portal.successor-handover/1";
  generatedAt: string;
  cessationSince: string | null;
  successor: string | null;
  issuers: { id: string; name: string; subjectDn: string; certificateSha256: string }[];
  files: Omit<HandOverFile, "content">[];
  /** The head of the audit chain at export time: the successor can ask for the chain and check it ends here. */
  auditHead: { seq: number; hash: string } | null;
}

const PAGE = 1000;
const sha256 = (s: string | Uint8Array) => createHash("sha256").update(s).digest("hex");

/**
 * Cessation: the hand-over package for the successor CA — the CA certificates, every certificate (DER and life-cycle
 * times), every revocation with its request times, every agreement acceptance — as NDJSON files
 * with a manifest of their SHA-256 digests. Only while cessation mode is on. Read in one
 * transaction, so the files are one consistent snapshot.
 */
export const exportForSuccessor = defineUseCase({
  name: "privacy.export-for-successor",
  input: exportForSuccessorInput,
  authorize: isCaAdmin,
  async run(s) {
    const cessation = await readCessation(s.tx);
    if (!cessation.active) throw domainError("CESSATION_STATE_MISMATCH", { reason: "not active" });
    const issuers = await s.tx.issuingCa.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, role: true, status: true, subjectDn: true, certificateDer: true, parentId: true, notBefore: true, notAfter: true },
    });
    const issuersFile = ndjson(
      "issuers.ndjson",
      issuers.map((i) => canonicalJson({ ...i, certificateDer: undefined, derBase64: Buffer.from(i.certificateDer).toString("base64") })),
    );
    const files = [issuersFile, await certificatesFile(s.tx, s.now), await revocationsFile(s.tx), await acceptancesFile(s.tx)];
    const head = await s.tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    const manifest: HandOverManifest = {
      format: "portal.successor-handover/1",
      generatedAt: s.now.toISOString(),
      cessationSince: cessation.since ?? null,
      successor: cessation.successor ?? null,
      issuers: issuers.map((i) => ({ id: i.id, name: i.name, subjectDn: i.subjectDn, certificateSha256: sha256(i.certificateDer) })),
      files: files.map((f) => ({ name: f.name, sha256: f.sha256, lines: f.lines, bytes: f.bytes })),
      auditHead: head,
    };
    const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
    s.audit({
      action: "privacy.successor-export",
      subjectType: "AppSetting",
      subjectId: "cessation",
      summary: { files: manifest.files.map((f) => ({ name: f.name, sha256: f.sha256, lines: f.lines })), manifestSha256: sha256(manifestJson) },
    });
    return { files, manifest, manifestJson, manifestSha256: sha256(manifestJson) };
  },
});

function ndjson(name: string, lines: string[]): HandOverFile {
  const content = lines.map((l) => `${l}\n`).join("");
  return { name, content, sha256: sha256(content), lines: lines.length, bytes: Buffer.byteLength(content) };
}

async function certificatesFile(tx: Tx, now: Date): Promise<HandOverFile> {
  const lines: string[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await tx.certificate.findMany({
      take: PAGE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      orderBy: { id: "asc" },
      include: { objections: true, issuer: { select: { name: true } }, profile: { select: { code: true } } },
    });
    for (const c of page) {
      lines.push(
        canonicalJson({
          id: c.id,
          issuer: c.issuer.name,
          serialHex: c.serialHex,
          subjectDn: c.subjectDn,
          profile: c.profile.code,
          notBefore: c.notBefore,
          notAfter: c.notAfter,
          status: deriveCertificateState(certificateFacts(c), now).status,
          subscriberUserId: c.subscriberUserId,
          subscriberOrganisationId: c.subscriberOrganisationId,
          receiptAt: c.receiptAt,
          acceptanceKind: c.acceptanceKind,
          acceptedAt: c.acceptedAt,
          holdAt: c.holdAt,
          revokedAt: c.revokedAt,
          revocationReason: c.revocationReason,
          publishConsent: c.publishConsent,
          derBase64: Buffer.from(c.der).toString("base64"),
        }),
      );
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.id;
  }
  return ndjson("certificates.ndjson", lines);
}

async function revocationsFile(tx: Tx): Promise<HandOverFile> {
  const rows = await tx.revocation.findMany({
    orderBy: [{ revokedAt: "asc" }, { id: "asc" }],
    include: { certificate: { select: { serialHex: true, issuer: { select: { name: true } } } }, request: true },
  });
  return ndjson(
    "revocations.ndjson",
    rows.map((r) =>
      canonicalJson({
        id: r.id,
        certificateId: r.certificateId,
        issuer: r.certificate.issuer.name,
        serialHex: r.certificate.serialHex,
        reasonCode: r.reasonCode,
        revokedAt: r.revokedAt,
        invalidityDate: r.invalidityDate,
        revokedById: r.revokedById,
        request: r.request
          ? { id: r.request.id, kind: r.request.kind, caGround: r.request.caGround, receivedAt: r.request.receivedAt, compliantAt: r.request.compliantAt, dueAt: r.request.dueAt, doneAt: r.request.doneAt }
          : null,
      }),
    ),
  );
}

async function acceptancesFile(tx: Tx): Promise<HandOverFile> {
  const rows = await tx.agreementAcceptance.findMany({ orderBy: [{ acceptedAt: "asc" }, { id: "asc" }], include: { version: { select: { version: true } } } });
  return ndjson(
    "acceptances.ndjson",
    rows.map((a) =>
      canonicalJson({
        id: a.id,
        agreementVersion: a.version.version,
        contentHash: a.contentHash,
        userId: a.userId,
        onBehalfOfOrganisationId: a.onBehalfOfOrganisationId,
        acceptedAt: a.acceptedAt,
        method: a.method,
        context: a.context,
        locale: a.locale,
        recordedById: a.recordedById,
        supersededAt: a.supersededAt,
        supersededById: a.supersededById,
      }),
    ),
  );
}
