import { z } from "zod";
import { defineQuery } from "@/server/core";
import { issueProofOfWork } from "./internal/proof-of-work";
import { issueToken } from "./internal/signed-tokens";

/** How long a reporter has to sign the page's text with the key and send it. */
export const KEY_PROOF_NONCE_TTL_MS = 2 * 60 * 60_000;

/**
 * What the public report page needs before anything is sent: the nonce of the text to sign with
 * the certificate's key (given with the page, valid two hours), and a fresh proof-of-work
 * challenge (the browser asks for one at each submission). Stateless: nothing is stored.
 */
export const issueKeyProofNonce = defineQuery({
  name: "problem-report.key-proof-nonce",
  input: z.object({}),
  authorize: "public",
  async run(ctx) {
    const { token, expiresAt } = await issueToken("key-proof", ctx.now, KEY_PROOF_NONCE_TTL_MS);
    return { nonce: token, expiresAt: expiresAt.toISOString() };
  },
});

export const issueProofOfWorkChallenge = defineQuery({
  name: "problem-report.proof-of-work",
  input: z.object({}),
  authorize: "public",
  async run(ctx) {
    const c = await issueProofOfWork(ctx.now);
    return { challenge: c.challenge, bits: c.bits, expiresAt: c.expiresAt.toISOString() };
  },
});
