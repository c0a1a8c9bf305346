// A certs-only ("degenerate") PKCS#7 SignedData carrying a chain, as `openssl pkcs7 -print_certs` reads it.
import { explicit, integer, oid, seq, tlv } from "../asn1/der";
import { OID } from "../asn1/oids";

export function pkcs7Chain(certificates: readonly Uint8Array[]): Buffer {
  const signedData = seq(
    integer(1),
    tlv(0x31), // digestAlgorithms: none
    seq(oid(OID.data)),
    // [0] IMPLICIT CertificateSet, kept in the given order (leaf first) as clients expect
    tlv(0xa0, ...certificates),
    tlv(0x31), // signerInfos: none
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}
