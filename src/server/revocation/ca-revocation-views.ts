import { z } from "zod";
import { certificateParties, isCaAdmin, staffDecisionAnswer } from "@/server/auth";
import { normaliseSerial, storedSerialForms } from "@/domain/certificate";
import { defineQuery } from "@/server/core";

/**
 * The certificates with a serial number (as normaliseSerial reads it: any case, separators, leading zeros), with
 * what the administrator must see before revoking one: subject, subscriber, profile, issuer, status,
 * and `can.revoke`: whether this administrator may (not when party to it: revokeByCa's rule).
 */
export const findCertificatesForCaRevocation = defineQuery({
  name: "console.find-certificates-for-ca-revocation",
  input: z.object({ serialHex: z.string().trim().min(1).max(120) }),
  authorize: isCaAdmin,
  async run(ctx, input) {
    const serial = normaliseSerial(input.serialHex);
    if (!serial) return [];
    const found = await ctx.db.certificate.findMany({
      where: { serialHex: { in: storedSerialForms(serial) } },
      select: {
        id: true, serialHex: true, subjectDn: true, status: true, notBefore: true, notAfter: true, revokedAt: true, revocationReason: true, holdAt: true,
        subscriberUserId: true, subscriberOrganisationId: true,
        profile: { select: { code: true, nameZh: true, nameEn: true } },
        issuer: { select: { name: true } },
        subscriberUser: { select: { email: true, displayName: true } },
        subscriberOrganisation: { select: { name: true } },
      },
    });
    return Promise.all(found.map(async (c) => ({ ...c, can: { revoke: await staffDecisionAnswer(ctx.db, ctx.actor!, certificateParties(c), ctx.now) } })));
  },
});

/** The CA's own revocations (clause 3), newest first: ground, published reason, facts, who and when. */
export const recentCaRevocations = defineQuery({
  name: "console.recent-ca-revocations",
  input: z.object({ take: z.number().int().min(1).max(200).default(30) }),
  authorize: isCaAdmin,
  async run(ctx, input) {
    return ctx.db.revocationRequest.findMany({
      where: { kind: "CA_INITIATED" },
      orderBy: [{ receivedAt: "desc" }, { id: "asc" }],
      take: input.take,
      select: {
        id: true, caGround: true, reasonCode: true, status: true, receivedAt: true, doneAt: true, note: true,
        requestedBy: { select: { email: true } },
        certificate: { select: { id: true, serialHex: true, subjectDn: true, status: true, revokedAt: true, profile: { select: { nameZh: true, nameEn: true } } } },
      },
    });
  },
});
