import { grantedTimestampResponse } from "@/ca";
import { derToPem } from "@/ca/asn1/certificate-parts";
import type { ServiceContext } from "@/server/core";
import { loadCaOrUnavailable } from "./load-ca";

/** The files of one signed receipt, each in the form a third party's openssl reads as is. */
export interface SignedReceiptFiles {
  /** The record: canonical JSON, UTF-8. The exact bytes inside the .p7s and under the .tsr. */
  json: string;
  /** CMS SignedData, DER, the JSON attached (`openssl cms -verify -inform DER -binary`). */
  p7s: Buffer;
  /** RFC 3161 TimeStampResp (granted), DER, over SHA-256 of the JSON (`openssl ts -verify -data`). */
  tsr: Buffer;
  /** The published CA certificates both signatures chain to (root last), PEM: the -CAfile. */
  chainPem: string;
  /** The bare TimeStampToken inside the .tsr (the JSON wrapper's form: `-token_in`). */
  timestampToken: Buffer;
  /** The same chain as chainPem, DER, root last. */
  chainDer: Buffer[];
}

/** The receipt files' names, as the download routes serve them. */
export const RECEIPT_FILES = ["receipt.p7s", "receipt.tsr", "receipt.json", "chain.pem"] as const;
export type ReceiptFileName = (typeof RECEIPT_FILES)[number];

/**
 * The CA signs a receipt's JSON (CMS, content attached) and its TSA stamps the same bytes. The
 * chain is what /pki/ca/<id>.cer publishes (root and issuing CAs); the signer's and the TSA's own
 * certificates travel inside the .p7s and the token, so openssl needs nothing else. The JSON carries
 * no time of its own, so two fetches of an unchanged record sign the same bytes and the files of
 * separate downloads belong together; when a copy was signed is the CMS signingTime and the
 * token's genTime.
 */
export async function signReceipt(ctx: Pick<ServiceContext, "ca">, json: string, now: Date): Promise<SignedReceiptFiles> {
  const ca = await loadCaOrUnavailable(ctx);
  const signed = await ca.signEvidence(Buffer.from(json, "utf8"), now);
  const tsa = ca.hierarchy.tsa!.entity;
  const issuers = [...signed.chain];
  for (let id = tsa.issuerId; id; id = ca.hierarchy.byId.get(id)?.entity.issuerId ?? null) {
    const cert = ca.hierarchy.byId.get(id)?.entity.certificate;
    if (cert && !issuers.some((c) => c.equals(cert))) issuers.push(cert);
  }
  // Roots last, as a reader expects; a CA certificate appears once.
  const root = ca.hierarchy.root.entity.certificate;
  const ordered = [...issuers.filter((c) => !c.equals(root)), root];
  return {
    json,
    p7s: signed.cms,
    tsr: grantedTimestampResponse(signed.timestampToken),
    chainPem: ordered.map((c) => derToPem(c, "CERTIFICATE")).join(""),
    timestampToken: signed.timestampToken,
    chainDer: ordered,
  };
}

/** One file of a signed receipt, with its media type. */
export function receiptFile(files: SignedReceiptFiles, name: ReceiptFileName): { body: Buffer; contentType: string } {
  switch (name) {
    case "receipt.p7s":
      return { body: files.p7s, contentType: "application/pkcs7-signature" };
    case "receipt.tsr":
      return { body: files.tsr, contentType: "application/timestamp-reply" };
    case "receipt.json":
      return { body: Buffer.from(files.json, "utf8"), contentType: "application/json; charset=utf-8" };
    case "chain.pem":
      return { body: Buffer.from(files.chainPem, "utf8"), contentType: "application/x-pem-file" };
  }
}

/**
 * The commands a third party runs on a receipt's files saved under their download names
 * (`<base>.p7s`, `<base>.tsr`, `<base>-chain.pem`), with OpenSSL 3 alone: the first checks the
 * CA's signature and writes out the signed JSON, the second checks the timestamp over that JSON
 * (`-binary`: the JSON is signed byte for byte, not as MIME text with CRLF line ends). Both trust
 * only the chain given, which the reader should compare with the one the repository publishes.
 * Pages print these and the tests run exactly these strings (measured with OpenSSL 3 here).
 */
export function receiptVerifyCommands(base: string): { cms: string; ts: string } {
  return {
    cms: `openssl cms -verify -binary -inform DER -in ${base}.p7s -CAfile ${base}-chain.pem -out ${base}.json`,
    ts: `openssl ts -verify -data ${base}.json -in ${base}.tsr -CAfile ${base}-chain.pem`,
  };
}

/** The download name of a receipt's files (without extension): the kind and the record id's first 8 characters. */
export const receiptBaseName = (kind: "acceptance" | "revocation", recordId: string) => `${kind}-receipt-${recordId.slice(0, 8)}`;
