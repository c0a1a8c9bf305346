import { X509Certificate } from "node:crypto";
import { buildSealPdf } from "./build-seal-pdf";

/** The organisation the sample names: the certificate's subject O, else its CN (as the certificate says, not as the page shows). */
export function organisationOf(certificateDer: Uint8Array): string {
  let subject = "";
  try {
    subject = new X509Certificate(certificateDer).subject;
  } catch {
    return "";
  }
  const field = (name: string) => subject.split("\n").find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1);
  return field("O") ?? field("CN") ?? "";
}

/** The certificate's sample PDF prepared at `preparedAt`, from what the server knows only: so a signed copy can be rebuilt and compared. */
export function sealSamplePdf(input: { certificateDer: Uint8Array; serialHex: string; preparedAt: Date; image: { contentType: string; bytes: Uint8Array } | null }) {
  return buildSealPdf({ organisation: organisationOf(input.certificateDer), serialHex: input.serialHex, preparedAt: input.preparedAt, image: input.image });
}
