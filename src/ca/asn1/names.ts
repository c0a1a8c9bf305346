// Distinguished names built from verified data. Country and serialNumber are PrintableString
// (as X.520 requires); everything else UTF8String, so Chinese names survive unchanged.
import { CaError } from "../errors";
import { oid, printable, seq, setOf, utf8 } from "./der";
import { OID } from "./oids";

export const NAME_ATTRIBUTE_OIDS = {
  C: OID.countryName,
  ST: OID.stateOrProvinceName,
  L: OID.localityName,
  O: OID.organizationName,
  OU: OID.organizationalUnitName,
  CN: OID.commonName,
  serialNumber: OID.serialNumber,
  organizationIdentifier: OID.organizationIdentifier,
} as const;
export type NameAttributeType = keyof typeof NAME_ATTRIBUTE_OIDS;
export interface NameAttribute {
  type: NameAttributeType;
  value: string;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const MAX_LENGTH: Record<NameAttributeType, number> = { C: 2, ST: 128, L: 128, O: 64, OU: 64, CN: 64, serialNumber: 64, organizationIdentifier: 64 };

/** One attribute per RDN, in the order given. */
export function encodeName(attributes: readonly NameAttribute[]): Buffer {
  return seq(
    ...attributes.map(({ type, value }) => {
      if (value.length === 0 || [...value].length > MAX_LENGTH[type]) {
        throw new CaError("SUBJECT_INVALID", `${type} must have 1 to ${MAX_LENGTH[type]} characters`);
      }
      if (/[\u0000-\u001f\u007f]/.test(value)) throw new CaError("SUBJECT_INVALID", `${type} contains control characters`);
      const printableOnly = type === "C" || type === "serialNumber";
      if (printableOnly && !PRINTABLE.test(value)) throw new CaError("SUBJECT_INVALID", `${type} must be printable ASCII`);
      return setOf(seq(oid(NAME_ATTRIBUTE_OIDS[type]), printableOnly ? printable(value) : utf8(value)));
    }),
  );
}
