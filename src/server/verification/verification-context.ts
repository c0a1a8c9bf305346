import { parseCertificate } from "@/ca/asn1/certificate-parts";
import type { StatusLookup } from "@/ca/ocsp/ocsp-responder";
import type { VerificationContext } from "@/ca/verify/verify-certificate";
import type { PrismaClient } from "@/generated/prisma/client";
import { caOf, certificateStatusLookup } from "@/server/ca-service";
import { domainError, logger } from "@/server/core";

/**
 * What the engine verifies against: this CA's roots and issuing CAs as anchors (the RSA root with
 * issuing-rsa/issuing-ec, and root-sm2 with issuing-sm2: every root and issuing entity the
 * hierarchy holds, so an SM2 chain is trusted exactly when root-sm2 is loaded), and the status of
 * a certificate at a time from the CA's own records. The CA's infrastructure certificates (TSA,
 * OCSP signer, issuing CAs) have no Certificate row: they are known good while their IssuingCa row
 * is loaded (a compromised CA is not loaded at all, so everything under it fails as untrusted).
 * Must be called outside any transaction (the status lookup reads through the client).
 */
export async function verificationContext(db: PrismaClient): Promise<VerificationContext> {
  let ca;
  try {
    ca = await caOf(db)();
  } catch (e) {
    logger.error({ area: "verification", err: e instanceof Error ? e.message : "unknown" }, "CA service unavailable");
    throw domainError("VERIFICATION_UNAVAILABLE");
  }
  const entities = ca.hierarchy.record.entities;
  const infrastructure = new Set(
    entities.filter((e) => e.issuerId !== null).map((e) => `${e.issuerId}/${parseCertificate(e.certificate).serialHex}`),
  );
  const records = certificateStatusLookup(db, ca.rowIdOf);
  const status: StatusLookup = {
    async statusOf(issuerId, serialHex) {
      if (infrastructure.has(`${issuerId}/${serialHex.toLowerCase()}`)) return { status: "good" };
      return records.statusOf(issuerId, serialHex);
    },
  };
  return {
    anchors: entities.filter((e) => e.role === "root" || e.role === "issuing").map((e) => ({ id: e.id, certificate: e.certificate })),
    status,
  };
}
