// SM2 OCSP (issue 17): the status of a certificate under issuing-sm2 is answered by its delegated
// signer ocsp-sm2, the BasicOCSPResponse signed SM3withSM2 with the user ID 1234567812345678, for
// CertIDs hashed with SHA-1, SHA-256 and SM3 (GM/T 0015 relying parties may send SM3). Requests
// come from `openssl ocsp -reqout`. OpenSSL 3.0 reads the answers (-resp_text) but cannot verify
// the SM2 signature (`openssl ocsp` has -rsigopt for signing and no -vfyopt: it checks with the
// empty user ID and fails, asserted below); the signature is judged by `openssl pkeyutl` over
// tbsResponseData and by sm2Verify.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { children, contentOf, raw, readOid, readRoot } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import type { Clock } from "@/ca/clock";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { sm2Verify } from "@/ca/keys/sm2";
import { signatureAlgorithmFor } from "@/ca/keys/key-signer";
import { createOcspResponder, memoryOcspCache, type OcspResponder, type StatusLookup } from "@/ca/ocsp/ocsp-responder";
import type { CertStatus } from "@/ca/ocsp/ocsp-response";
import { demoHierarchy, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";
import { pkeyutlSm2Verify, sm2Leaf, tbsAndSignature } from "./helpers/sm2-status";

let h: Hierarchy;
let tmp: TempDir;
// openssl ocsp checks thisUpdate/nextUpdate against the real clock, so this file runs at real time.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const clock: Clock = { now: () => new Date(now) };
const statuses = new Map<string, CertStatus>();
const lookup: StatusLookup = { statusOf: async (issuerId, serial) => statuses.get(`${issuerId}/${serial}`) ?? { status: "unknown" } };
let responder: OcspResponder;
const cache = memoryOcspCache();
const files: Record<string, string> = {};
const serials: Record<string, string> = {};

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy(clock);
  for (const name of ["good", "revoked"]) {
    const leaf = await sm2Leaf(h, now, `SM2 ${name}`);
    files[name] = tmp.file(`${name}.pem`, pem(leaf.der));
    serials[name] = leaf.serialHex;
  }
  statuses.set(`issuing-sm2/${serials.good}`, { status: "good" });
  statuses.set(`issuing-sm2/${serials.revoked}`, { status: "revoked", revokedAt: new Date(now.getTime() - 60_000), reason: "keyCompromise" });
  files.issuer = tmp.file("issuing-sm2.pem", pem(h.issuing.sm2!.entity.certificate));
  files.signer = tmp.file("ocsp-sm2.pem", pem(h.byId.get("ocsp-sm2")!.entity.certificate));
  files.root = tmp.file("root-sm2.pem", pem(h.byId.get("root-sm2")!.entity.certificate));
  files.rsaIssuer = tmp.file("issuing-rsa.pem", pem(h.issuing.rsa!.entity.certificate));
  responder = createOcspResponder({ hierarchy: h, clock, status: lookup, cache });
}, 120_000);
afterAll(() => tmp.cleanup());

/** A request as `openssl ocsp` writes it, answered by the responder; the answer is kept in a file. */
async function ask(cert: string, hash: "-sha1" | "-sha256" | "-sm3", issuer = files.issuer!) {
  const reqFile = tmp.file(`req-${Math.random().toString(36).slice(2)}.der`);
  opensslOk(["ocsp", "-issuer", issuer, hash, "-cert", cert, "-no_nonce", "-reqout", reqFile]);
  const res = await responder.handleRequest(readFileSync(reqFile));
  return { res, respFile: tmp.file(`resp-${Math.random().toString(36).slice(2)}.der`, res.body) };
}

/** BasicOCSPResponse of an OCSPResponse. */
function basicOf(der: Buffer): Buffer {
  const [, bytes] = children(der, readRoot(der));
  const [responseBytes] = children(der, bytes!);
  const [type, octets] = children(der, responseBytes!);
  expect(readOid(der, type)).toBe(OID.ocspBasic);
  return Buffer.from(contentOf(der, octets!));
}

describe("SM2 OCSP", () => {
  it.each([
    ["-sha1", "sha1"],
    ["-sha256", "sha256"],
    ["-sm3", "sm3"],
  ] as const)("%s CertID: good and revoked answers, signed SM3withSM2 by ocsp-sm2, and pkeyutl accepts the signature", async (flag, name) => {
    for (const which of ["good", "revoked"] as const) {
      const { res, respFile } = await ask(files[which]!, flag);
      expect(res.outcome).toBe(which);
      const text = opensslOk(["ocsp", "-respin", respFile, "-resp_text", "-noverify"]);
      expect(text).toContain("Response Status: successful (0x0)");
      expect(text).toContain("Signature Algorithm: SM2-with-SM3");
      expect(text).toContain(`Hash Algorithm: ${name}`);
      expect(text).toContain(`Serial Number: ${serials[which]!.toUpperCase()}`);
      expect(text).toContain(`Cert Status: ${which}`);
      if (which === "revoked") expect(text).toContain("Revocation Reason: keyCompromise (0x1)");
      // the included certificate is the SM2 delegated signer
      expect(text).toContain("Demo OCSP Responder SM2 1");

      const basic = basicOf(res.body);
      const { tbs, signature, algorithm } = tbsAndSignature(basic);
      expect(algorithm.equals(signatureAlgorithmFor("sm2"))).toBe(true);
      const signer = h.byId.get("ocsp-sm2")!;
      expect(pkeyutlSm2Verify(tmp, signer.entity.certificate, tbs, signature).stdout).toContain("Signature Verified Successfully");
      expect(sm2Verify(signer.parts.spki, tbs, signature)).toBe(true);
      expect(sm2Verify(h.issuing.sm2!.parts.spki, tbs, signature)).toBe(false);
      // responderID byKey is the SM2 signer's key identifier
      expect(raw(basic, children(basic, children(basic, readRoot(basic))[0]!)[0]!).includes(signer.keyId)).toBe(true);
    }
  });

  it("OpenSSL 3.0 `ocsp -CAfile/-verify_other` or `-VAfile` fails on the SM2 signature (no -vfyopt, empty user ID), and passes the rest with -no_signature_verify: finding", async () => {
    const { respFile } = await ask(files.good!, "-sha256");
    const help = openssl(["ocsp", "-help"]);
    expect(help.stdout + help.stderr).not.toContain("-vfyopt");
    const both = tmp.file("signer-and-issuer.pem", readFileSync(files.signer!, "utf8") + readFileSync(files.issuer!, "utf8"));
    const v = openssl(["ocsp", "-respin", respFile, "-issuer", files.issuer!, "-sha256", "-cert", files.good!, "-CAfile", files.root!, "-verify_other", both]);
    expect(v.status).not.toBe(0);
    expect(v.stderr).toMatch(/ocsp_verify:signature failure/);
    const va = openssl(["ocsp", "-respin", respFile, "-issuer", files.issuer!, "-sha256", "-cert", files.good!, "-VAfile", files.signer!]);
    expect(va.status).not.toBe(0);
    expect(va.stderr).toMatch(/ocsp_verify:signature failure/);
    const nosig = openssl(["ocsp", "-respin", respFile, "-issuer", files.issuer!, "-sha256", "-cert", files.good!, "-VAfile", files.signer!, "-no_signature_verify"]);
    // Everything but the signature passes OpenSSL: the CertID matches its request, the status reads good.
    expect(nosig.status).toBe(0);
    expect(nosig.stdout + nosig.stderr).toContain("Response verify OK");
    expect(nosig.stdout).toContain(": good");
  });

  it("SM3 CertIDs are for SM2 issuers: an SM3 CertID about the RSA CA is answered unauthorized", async () => {
    const { res } = await ask(files.good!, "-sm3", files.rsaIssuer);
    expect(res.outcome).toBe("unauthorized");
  });

  it("a status change under the SM2 CA re-signs three responses (SHA-1, SHA-256, SM3), each answering its own CertID", async () => {
    await responder.onStatusChanged("issuing-sm2", serials.good!);
    const entry = (await cache.get("issuing-sm2", serials.good!))!;
    expect(Object.keys(entry.responses).sort()).toEqual(["sha1", "sha256", "sm3"]);
    const { res, respFile } = await ask(files.good!, "-sm3");
    expect(res.body.equals(entry.responses.sm3!.der)).toBe(true);
    expect(opensslOk(["ocsp", "-respin", respFile, "-resp_text", "-noverify"])).toContain("Hash Algorithm: sm3");
  });
});
