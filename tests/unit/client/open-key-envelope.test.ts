// The browser's envelope opener (src/client/open-key-envelope.ts) against the engine's envelope:
// the two readers are separate code (the client's runs without Node's Buffer), so they are held
// to each other here, and to a certificate issued for the KMC key.
import { describe, expect, it } from "vitest";
import { sm2Spki } from "@/ca/keys/sm2";
import { generateSm2KeyPair, parseSm2EnvelopedKey, sealSm2EnvelopedKey } from "@/ca/kmc/sm2-enveloped-key";
import { memoryKeyCustody } from "@/ca/keys/memory-key-custody";
import { randomSerial, signCertificate } from "@/ca/issuance/certificate-builder";
import { encodeName } from "@/ca/asn1/names";
import * as X from "@/ca/asn1/extensions";
import { EnvelopeError, certificateSpki, openKeyEnvelope, spkiPointHex } from "@/client/open-key-envelope";

const signing = generateSm2KeyPair();
const encryption = generateSm2KeyPair();

const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EnvelopeError);
    return (e as EnvelopeError).reason;
  }
  throw new Error("expected an EnvelopeError");
};

describe("openKeyEnvelope (browser)", () => {
  it("opens the engine's envelope with the signing key", () => {
    expect(openKeyEnvelope(sealSm2EnvelopedKey(encryption, signing.publicKeyHex), signing)).toEqual(encryption);
  });

  it("names a mismatched envelope, an altered scalar and garbage", () => {
    const envelope = sealSm2EnvelopedKey(encryption, generateSm2KeyPair().publicKeyHex);
    expect(failure(() => openKeyEnvelope(envelope, signing))).toBe("MISMATCHED");
    const altered = Buffer.from(sealSm2EnvelopedKey(encryption, signing.publicKeyHex));
    altered[altered.length - 1]! ^= 1;
    expect(failure(() => openKeyEnvelope(altered, signing))).toBe("KEY_MISMATCH");
    const tamperedCipher = Buffer.from(sealSm2EnvelopedKey(encryption, signing.publicKeyHex));
    const { sm2Cipher } = parseSm2EnvelopedKey(tamperedCipher);
    tamperedCipher[tamperedCipher.indexOf(sm2Cipher) + sm2Cipher.length - 1]! ^= 1;
    expect(failure(() => openKeyEnvelope(tamperedCipher, signing))).toBe("MISMATCHED");
    expect(failure(() => openKeyEnvelope(Uint8Array.from([0x30, 0x05, 0x00]), signing))).toBe("MALFORMED");
    expect(failure(() => openKeyEnvelope(new Uint8Array(4096), signing))).toBe("MALFORMED");
  });

  it("reads the certificate's SM2 point, the one the opened key must match", async () => {
    const issuer = await memoryKeyCustody().generate("issuer", { type: "sm2" });
    const name = encodeName([{ type: "CN", value: "李爱丽" }]);
    const spki = sm2Spki(encryption.publicKeyHex);
    const cert = await signCertificate(
      { serial: randomSerial(), issuerName: name, subjectName: name, notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-01-01T00:00:00Z"), spki, extensions: [X.basicConstraints(false)] },
      issuer,
    );
    expect(Buffer.from(certificateSpki(cert)).equals(spki)).toBe(true);
    expect(spkiPointHex(certificateSpki(cert))).toBe(encryption.publicKeyHex);
  });
});
