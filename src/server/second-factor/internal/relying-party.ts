import { settings } from "@/config/settings";

/**
 * The WebAuthn relying party is the portal as its users reach it (PORTAL_URL, else AUTH_URL):
 * the RP ID is its host name and every answer must come from its origin. A portal reached under
 * another name than the configured one cannot use passkeys (the browser would refuse anyway).
 */
export function relyingParty(): { rpID: string; origin: string; rpName: string } {
  const url = new URL(settings().portalUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: "Subscriber Portal" };
}

/** How long a browser has to answer a challenge. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
