// Judges an SM2 chain with OpenSSL 3.0. `openssl verify -vfyopt distid:…` gives the user ID to the
// target certificate only: an intermediate found through -untrusted or -CAfile is checked with
// OpenSSL's empty default ID and fails ("error 7 at 1 depth lookup"), even on a chain OpenSSL made
// itself. So every link is judged on its own: the first certificate under the root with the root as
// -CAfile, each lower one with its issuer as a -partial_chain anchor. Every signature in the chain
// is then checked by OpenSSL with the portal's user ID, and the root's own by sm2Verify (see
// tests/ca/sm2-keys.test.ts: OpenSSL 3.0 cannot check an SM2 self-signature).
import { SM2_USER_ID, sm2Verify } from "@/ca/keys/sm2";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { openssl, type OpensslResult, type TempDir } from "./openssl";
import { pem } from "./fixture";

export interface Sm2ChainVerdict {
  ok: boolean;
  /** one openssl answer per link, leaf first */
  links: OpensslResult[];
  rootSelfSigned: boolean;
}

export interface Sm2ChainOptions {
  /** seconds since the epoch, for -attime */
  at?: number;
  /** -purpose for the leaf link (the CA links are judged as CAs) */
  purpose?: string;
  /** the user ID given to OpenSSL; null gives none (OpenSSL 3.0's empty default) */
  distid?: string | null;
}

/** chain: leaf first, root last (what chainOf returns). */
export function verifySm2Chain(tmp: TempDir, chain: Buffer[], o: Sm2ChainOptions = {}): Sm2ChainVerdict {
  if (chain.length < 2) throw new Error("an SM2 chain needs at least a certificate and its root");
  const tag = Math.random().toString(36).slice(2);
  const files = chain.map((der, i) => tmp.file(`sm2-chain-${tag}-${i}.pem`, pem(der)));
  const distid = o.distid === undefined ? SM2_USER_ID : o.distid;
  const common = [...(distid === null ? [] : ["-vfyopt", `distid:${distid}`]), ...(o.at === undefined ? [] : ["-attime", String(o.at)])];
  const links: OpensslResult[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const anchor = i + 1 === chain.length - 1 ? [] : ["-partial_chain"];
    const purpose = i === 0 && o.purpose ? ["-purpose", o.purpose] : [];
    links.push(openssl(["verify", ...common, ...anchor, ...purpose, "-CAfile", files[i + 1]!, files[i]!]));
  }
  const root = parseCertificate(chain[chain.length - 1]!);
  const rootSelfSigned = sm2Verify(root.spki, root.tbs, root.signature);
  return { ok: rootSelfSigned && links.every((l) => l.status === 0 && /: OK/.test(l.stdout)), links, rootSelfSigned };
}
