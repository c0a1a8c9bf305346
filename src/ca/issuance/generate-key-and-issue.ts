// Server-side key generation for subscribers who ask for it: the key pair is generated here,
// certified, and handed back only inside a password-protected PKCS#12.
import { createPublicKey } from "node:crypto";
import { CaError } from "../errors";
import { generateKeyObject } from "../keys/file-key-custody";
import { buildPkcs12, checkPkcs12Password } from "../outputs/pkcs12";
import { issueForPublicKey, profileOf, type IssuanceDeps, type IssueInput, type IssuedCertificate } from "./issue-certificate";

export interface GenerateKeyInput extends IssueInput {
  key: { type: "rsa"; bits: 2048 | 3072 } | { type: "ec"; curve: "P-256" };
  pkcs12Password: string;
}

export async function generateKeyAndIssue(deps: IssuanceDeps, input: GenerateKeyInput): Promise<IssuedCertificate & { pkcs12: Buffer }> {
  const profile = profileOf(deps, input.profileId);
  if (!profile.serverKeyGeneration) throw new CaError("INVALID_INPUT", `profile ${profile.id} does not allow server-side key generation`);
  checkPkcs12Password(input.pkcs12Password); // before spending time on a key
  const privateKey = generateKeyObject(input.key);
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const issued = await issueForPublicKey(deps, { ...input, spki });
  const pkcs12 = buildPkcs12({ privateKey, certificates: [issued.certificate, ...issued.chain], password: input.pkcs12Password, friendlyName: input.subject.fullName ?? input.subject.sealName });
  return { ...issued, pkcs12 };
}
