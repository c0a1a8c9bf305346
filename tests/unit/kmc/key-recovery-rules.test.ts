// Judicial key recovery (issue 17 item 4): who may take a recovered key's envelope, and which
// recipient keys the key may be enveloped to (SM2 only, as PEM SPKI or certificate; bounded).
import { describe, expect, it } from "vitest";
import { createHash, generateKeyPairSync } from "node:crypto";
import { sm2 as SM2 } from "sm-crypto-v2";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { sm2Spki } from "@/ca/keys/sm2";
import { recoveredKeyAvailable } from "@/domain/approval";
import { recoveryRecipient } from "@/server/kmc/recovery-recipient";

describe("recoveredKeyAvailable", () => {
  const executed = { kind: "KEY_RECOVERY", status: "EXECUTED" as const, requestedById: "a" };
  it("is the requester's, once executed", () => {
    expect(recoveredKeyAvailable(executed, "a")).toBe(true);
  });
  it.each([
    ["an approver", executed, "b"],
    ["a pending request", { ...executed, status: "PENDING" as const }, "a"],
    ["a failed request", { ...executed, status: "FAILED" as const }, "a"],
    ["another kind", { ...executed, kind: "CA_REVOCATION" }, "a"],
  ])("is refused to %s", (_what, facts, admin) => {
    expect(recoveredKeyAvailable(facts, admin)).toBe(false);
  });
});

describe("recoveryRecipient", () => {
  it("takes an SM2 public key in PEM and names it by its SPKI's SHA-256", () => {
    const { publicKey } = SM2.generateKeyPairHex();
    const spki = sm2Spki(publicKey);
    expect(recoveryRecipient(derToPem(spki, "PUBLIC KEY"))).toEqual({ publicKeyHex: publicKey, spkiSha256: createHash("sha256").update(spki).digest("hex") });
  });
  it.each([
    ["an RSA key", generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString()],
    ["a P-256 key", generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString()],
    ["an SM2 point off the curve", derToPem(sm2Spki(`04${"11".repeat(64)}`), "PUBLIC KEY")],
    ["a certificate that is not one", "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n"],
    ["text", "not a key"],
  ])("refuses %s with KEY_RECOVERY_RECIPIENT_INVALID", (_what, pem) => {
    expect(() => recoveryRecipient(pem)).toThrow(expect.objectContaining({ code: "KEY_RECOVERY_RECIPIENT_INVALID" }));
  });
});
