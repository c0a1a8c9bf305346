// CMS signatures made by the engine (evidence reports, test vectors): detached or attached,
// optionally with an RFC 3161 timestamp over the signature value (id-aa-timeStampToken).
import { createHash } from "node:crypto";
import { OID } from "../asn1/oids";
import type { KeySigner } from "../keys/key-signer";
import type { TimestampAuthority } from "../tsa/timestamp-authority";
import { attribute, buildSignedData } from "./signed-data";

export interface SignCmsInput {
  signer: KeySigner;
  certificate: Buffer;
  chain?: readonly Buffer[];
  content: Buffer;
  detached: boolean;
  signingTime?: Date;
  timestampAuthority?: TimestampAuthority;
}

export function signCms(i: SignCmsInput): Promise<Buffer> {
  const tsa = i.timestampAuthority;
  return buildSignedData({
    ...i,
    eContentType: OID.data,
    unsignedAttributes: tsa
      ? async (signature) => [attribute(OID.timeStampToken, await tsa.timestampDigest(OID.sha256, createHash("sha256").update(signature).digest()))]
      : undefined,
  });
}
