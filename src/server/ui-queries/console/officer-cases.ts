import { z } from "zod";
import { domainError } from "@/server/core/errors";
import { defineQuery } from "@/server/core/use-case";
import { isOfficer } from "./staff-roles";

const certificateSelect = {
  id: true, serialHex: true, subjectDn: true, status: true, notBefore: true, notAfter: true,
  deliveryMethod: true, deliveredAt: true, receiptAt: true, mailTrackingNo: true, testWindowDeadline: true,
  subscriberUser: { select: { email: true, displayName: true } },
  subscriberOrganisation: { select: { name: true } },
} as const;

/** One objection with the failed test it rests on and the certificate, for the officer resolving it. */
export const getObjectionCase = defineQuery({
  name: "console.get-objection-case",
  input: z.object({ objectionId: z.string().uuid() }),
  authorize: isOfficer,
  async run(ctx, input) {
    const o = await ctx.db.objection.findUnique({
      where: { id: input.objectionId },
      include: {
        certificate: { select: certificateSelect },
        testResult: { select: { kind: true, passed: true, details: true, runAt: true } },
        raisedBy: { select: { email: true } },
      },
    });
    if (!o) throw domainError("NOT_FOUND");
    return { ...o, testResult: o.testResult ? { ...o.testResult, details: JSON.stringify(o.testResult.details) } : null };
  },
});

/** One certificate waiting for collection, dispatch or its signed-for time. */
export const getDeliveryCase = defineQuery({
  name: "console.get-delivery-case",
  input: z.object({ certificateId: z.string().uuid() }),
  authorize: isOfficer,
  async run(ctx, input) {
    const c = await ctx.db.certificate.findUnique({ where: { id: input.certificateId }, select: certificateSelect });
    if (!c) throw domainError("NOT_FOUND");
    return c;
  },
});
