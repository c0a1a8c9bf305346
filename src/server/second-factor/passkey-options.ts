import { generateAuthenticationOptions, generateRegistrationOptions } from "@simplewebauthn/server";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { type ServiceContext, domainError } from "@/server/core";
import { clientKey, consumeRateLimit, PASSKEY_CHALLENGE_LIMIT } from "@/server/public";
import { storeChallenge } from "./internal/challenges";
import { assertFactorChangeAllowed } from "./internal/factor-change";
import { relyingParty, CHALLENGE_TTL_MS } from "./internal/relying-party";

/**
 * What the browser needs to create a passkey for the signed-in account. Passkeys are
 * discoverable credentials (residentKey required), so sign-in needs no list of the account's
 * credentials (nobody learns from an address which passkeys it has); user verification is
 * preferred, not required (a security key without a PIN still is a second factor after the password).
 * Refused like registerPasskey itself (SECOND_FACTOR_SESSION_REQUIRED, no challenge stored) when
 * the session may not add a factor, so the browser is not asked to make a passkey for nothing.
 */
export async function passkeyRegistrationOptions(ctx: ServiceContext): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  if (!ctx.actor) throw domainError("UNAUTHENTICATED");
  await assertFactorChangeAllowed(ctx.db, ctx.actor);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.actor.userId }, select: { id: true, email: true, displayName: true, passkeys: { select: { credentialId: true, transports: true } } } });
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.displayName ?? user.email,
    userID: new TextEncoder().encode(user.id),
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    excludeCredentials: user.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  const challengeId = await storeChallenge(ctx.db, "REGISTER", options.challenge, user.id, ctx.clock.now());
  return { challengeId, options };
}

/**
 * A sign-in challenge for whoever is signing in (anonymous: the password is checked with the answer).
 * Each is a stored row asked for by nobody known yet, so a client address gets a bounded number.
 */
export async function passkeySignInOptions(ctx: ServiceContext): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  await consumeRateLimit(ctx.db, clientKey("passkey-challenge", ctx.meta.ip), PASSKEY_CHALLENGE_LIMIT, ctx.clock.now());
  const rp = relyingParty();
  const options = await generateAuthenticationOptions({ rpID: rp.rpID, userVerification: "preferred", timeout: CHALLENGE_TTL_MS });
  const challengeId = await storeChallenge(ctx.db, "SIGN_IN", options.challenge, null, ctx.clock.now());
  return { challengeId, options };
}
