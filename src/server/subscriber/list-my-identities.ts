import { z } from "zod";
import { defineQuery } from "@/server/core";

export const listMyIdentitiesInput = z.object({});

/** The identities the actor recorded for themselves, newest first, with the number masked for display. */
export const listMyIdentities = defineQuery({
  name: "subscriber.list-my-identities",
  input: listMyIdentitiesInput,
  authorize: "signed-in",
  async run(ctx) {
    const rows = await ctx.db.subscriberIdentity.findMany({
      where: { userId: ctx.actor!.userId, anonymisedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, legalName: true, idDocumentType: true, idDocumentNumber: true, verifiedAt: true, createdAt: true },
    });
    return rows.map(({ idDocumentNumber, ...r }) => ({ ...r, idDocumentNumberMasked: maskIdNumber(idDocumentNumber) }));
  },
});

/** Keeps the first 3 and last 4 characters: enough to recognise one's own card, not to copy it. */
export function maskIdNumber(n: string): string {
  if (n.length <= 7) return "*".repeat(n.length);
  return n.slice(0, 3) + "*".repeat(n.length - 7) + n.slice(-4);
}
