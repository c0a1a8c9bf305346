import type { UseCaseScope } from "@/server/core";
import { newLinkToken, VERIFY_EMAIL_TTL_MS } from "./tokens";

/**
 * Stores a fresh verification token (hashed) and queues the mail that carries it. The raw
 * token lives only in the outbox payload until the mail is rendered; the link's host is added
 * at delivery from the configured portal URL, never from a request header.
 */
export async function issueVerificationMail(
  s: UseCaseScope,
  user: { id: string; email: string; locale: string },
): Promise<void> {
  const { token, tokenHash } = newLinkToken();
  const row = await s.tx.emailToken.create({
    data: {
      userId: user.id,
      purpose: "VERIFY_EMAIL",
      tokenHash,
      expiresAt: new Date(s.now.getTime() + VERIFY_EMAIL_TTL_MS),
      createdAt: s.now,
    },
    select: { id: true },
  });
  await s.notify({
    userId: user.id,
    toAddress: user.email,
    locale: user.locale,
    template: "account.verify-email",
    payload: { path: `/verify-email?token=${token}` },
    dedupeKey: `account.verify-email:${row.id}`,
  });
}
