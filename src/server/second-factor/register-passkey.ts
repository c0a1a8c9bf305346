import { verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { defineUseCase, domainError } from "@/server/core";
import { consumeChallenge } from "./internal/challenges";
import { requireFactorChangeAllowed } from "./internal/factor-change";
import { hasSecondFactor } from "./internal/factors";
import { issueRecoveryCodes } from "./internal/issue-recovery-codes";
import { relyingParty } from "./internal/relying-party";
import { challengeIdField, passkeyNameField, webAuthnResponseField } from "./internal/schemas";

/**
 * Stores a passkey the browser created for the challenge of passkeyRegistrationOptions. With the
 * account's first second factor come ten recovery codes (returned once). A malformed or unverified
 * answer is audited and committed (the challenge is used up either way). Once the account has a
 * second factor, only a session signed in with it may add one (requireFactorChangeAllowed, checked
 * before the challenge is used).
 */
export const registerPasskey = defineUseCase({
  name: "second-factor.passkey-registered",
  input: z.object({ challengeId: challengeIdField, response: webAuthnResponseField, name: passkeyNameField }),
  authorize: "signed-in",
  async run(s, input): Promise<{ passkeyId: string; recoveryCodes: string[] | null }> {
    const { userId, enrolled } = await requireFactorChangeAllowed(s, "passkey-add");
    const refuse = (reason: "challenge" | "malformed" | "wrong") => {
      s.audit({ action: "second-factor.code-failed", subjectType: "User", subjectId: userId, summary: { method: "passkey", during: "enrolment", reason } });
      return s.rejectAfterCommit(domainError("SECOND_FACTOR_INVALID"));
    };
    const challenge = await consumeChallenge(s.tx, input.challengeId, "REGISTER", userId, s.now);
    if (!challenge) return refuse("challenge");
    const rp = relyingParty();
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      const response = JSON.parse(input.response) as RegistrationResponseJSON;
      verified = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false });
    } catch {
      return refuse("malformed");
    }
    if (!verified.verified) return refuse("wrong");
    const { credential, userVerified } = verified.registrationInfo;
    const first = !hasSecondFactor(enrolled);
    const taken = await s.tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } });
    if (taken) throw domainError("SECOND_FACTOR_ALREADY_ENROLLED");
    const row = await s.tx.passkey.create({
      data: { userId, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey), counter: BigInt(credential.counter), transports: credential.transports ?? [], name: input.name, createdAt: s.now },
    });
    const recoveryCodes = first ? await issueRecoveryCodes(s.tx, userId, s.now) : null;
    s.audit({ action: "second-factor.passkey-registered", subjectType: "User", subjectId: userId, summary: { passkeyId: row.id, userVerified, recoveryCodesIssued: recoveryCodes?.length ?? 0 } });
    return { passkeyId: row.id, recoveryCodes };
  },
});
