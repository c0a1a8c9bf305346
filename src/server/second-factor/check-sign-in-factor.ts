import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { Tx } from "@/server/core";
import { hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { matchTotpStep, normaliseTotpCode } from "./totp";
import { consumeChallenge } from "./internal/challenges";
import { enrolledFactors, hasSecondFactor } from "./internal/factors";
import { relyingParty } from "./internal/relying-party";
import { openTotpSecret } from "./internal/totp-secret-box";

/** What the sign-in form sent besides the password: a code (TOTP or recovery) or a passkey's answer. */
export interface SecondFactorAnswer {
  code?: string;
  passkey?: { challengeId: string; response: string };
}

export type SecondFactorMethod = "totp" | "recovery-code" | "passkey";
export type SecondFactorFailure = "wrong" | "replayed" | "malformed" | "challenge" | "unknown-credential";

export type SignInFactorOutcome =
  | { kind: "none-enrolled" }
  | { kind: "missing" }
  | { kind: "ok"; method: SecondFactorMethod; recoveryCodesLeft?: number }
  | { kind: "failed"; method: SecondFactorMethod; reason: SecondFactorFailure };

/** RFC 8176 method references for the session: a recovery code is a one-time password too. */
export function authMethodOf(method: SecondFactorMethod): "otp" | "webauthn" {
  return method === "passkey" ? "webauthn" : "otp";
}

/**
 * The second step of a sign-in, run in the sign-in's transaction after the password was right.
 * An account with no factor enrolled passes (the session then says so: session.ts keeps staff
 * power from it). Otherwise one answer must hold: a TOTP code of a step later than the last one
 * used (so a code seen over a shoulder is worthless once used), an unused recovery code (used up
 * here), or a passkey of this account answering the stored challenge. Writes are conditional
 * updates, so two concurrent sign-ins cannot both use one code.
 */
export async function checkSignInFactor(tx: Tx, now: Date, userId: string, answer: SecondFactorAnswer): Promise<SignInFactorOutcome> {
  if (!hasSecondFactor(await enrolledFactors(tx, userId))) return { kind: "none-enrolled" };
  if (answer.passkey) return checkPasskey(tx, now, userId, answer.passkey);
  const code = answer.code?.trim();
  if (!code) return { kind: "missing" };
  if (normaliseTotpCode(code)) return checkTotp(tx, now, userId, code);
  const recovery = normaliseRecoveryCode(code);
  if (!recovery) return { kind: "failed", method: "totp", reason: "malformed" };
  const { count } = await tx.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(recovery), usedAt: null }, data: { usedAt: now } });
  if (count !== 1) return { kind: "failed", method: "recovery-code", reason: "wrong" };
  const recoveryCodesLeft = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
  return { kind: "ok", method: "recovery-code", recoveryCodesLeft };
}

async function checkTotp(tx: Tx, now: Date, userId: string, code: string): Promise<SignInFactorOutcome> {
  const row = await tx.totpFactor.findUnique({ where: { userId } });
  const secret = row?.confirmedAt ? await openTotpSecret(userId, row.secretSealed) : null;
  const step = secret ? matchTotpStep(secret, code, now) : null;
  if (step === null) return { kind: "failed", method: "totp", reason: "wrong" };
  const { count } = await tx.totpFactor.updateMany({
    where: { userId, confirmedAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return count === 1 ? { kind: "ok", method: "totp" } : { kind: "failed", method: "totp", reason: "replayed" };
}

async function checkPasskey(tx: Tx, now: Date, userId: string, answer: { challengeId: string; response: string }): Promise<SignInFactorOutcome> {
  const failed = (reason: SecondFactorFailure): SignInFactorOutcome => ({ kind: "failed", method: "passkey", reason });
  const challenge = await consumeChallenge(tx, answer.challengeId, "SIGN_IN", null, now);
  if (!challenge) return failed("challenge");
  let response: AuthenticationResponseJSON;
  try {
    response = JSON.parse(answer.response) as AuthenticationResponseJSON;
  } catch {
    return failed("malformed");
  }
  const passkey = typeof response?.id === "string" ? await tx.passkey.findUnique({ where: { credentialId: response.id } }) : null;
  // Another account's passkey is as good as none: the password and the passkey must be one person's.
  if (!passkey || passkey.userId !== userId) return failed("unknown-credential");
  const rp = relyingParty();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports },
    });
    if (!result.verified) return failed("wrong");
    await tx.passkey.update({ where: { id: passkey.id }, data: { counter: BigInt(result.authenticationInfo.newCounter), lastUsedAt: now } });
    return { kind: "ok", method: "passkey" };
  } catch {
    // The library throws for a malformed answer and for a counter that went backwards (a cloned key).
    return failed("wrong");
  }
}
