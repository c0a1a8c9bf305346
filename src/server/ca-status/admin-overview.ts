import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { validityOf } from "./ca-services-status";

/**
 * The administrator's overview: the CA hierarchy with where each key lives (file or HSM, never
 * the key), the CRL shards with their last and next update, and the outbox by status. Outbox
 * payloads are never read here: they hold password-reset and verification links.
 */
export const adminOverview = defineQuery({
  name: "console.admin-overview",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const cas = await ctx.db.issuingCa.findMany({
      orderBy: [{ role: "asc" }, { name: "asc" }],
      select: {
        id: true, name: true, role: true, algorithm: true, subjectDn: true, keyRef: true, status: true, notBefore: true, notAfter: true,
        crlShards: { orderBy: { shard: "asc" }, select: { shard: true, crlNumber: true, thisUpdate: true, nextUpdate: true } },
      },
    });
    // OCSP pre-signing: responses held, and how many are past their nextUpdate (stale) or missing for live certificates.
    const [ocspHeld, ocspStale, live, liveWithResponse] = await Promise.all([
      ctx.db.ocspResponse.count(),
      ctx.db.ocspResponse.count({ where: { nextUpdate: { lt: ctx.now } } }),
      ctx.db.certificate.count({ where: { notAfter: { gt: ctx.now } } }),
      ctx.db.certificate.count({ where: { notAfter: { gt: ctx.now }, ocspResponse: { isNot: null } } }),
    ]);
    const outboxGroups = await ctx.db.notification.groupBy({ by: ["status"], _count: { _all: true } });
    const recent = await ctx.db.notification.findMany({
      orderBy: { createdAt: "desc" },
      take: 30,
      // No payload, no address: what was sent and how it went is enough to watch the outbox.
      select: { id: true, template: true, locale: true, status: true, attempts: true, createdAt: true, sentAt: true, lastError: true },
    });
    return {
      now: ctx.now.toISOString(),
      cas: cas.map((c) => ({ ...c, ...validityOf(ctx.now, c.notBefore, c.notAfter), custody: c.keyRef.startsWith("pkcs11:") ? ("HSM" as const) : ("FILE" as const), keyRef: undefined })),
      ocsp: { held: ocspHeld, stale: ocspStale, liveCertificates: live, liveWithoutResponse: live - liveWithResponse },
      outbox: Object.fromEntries(outboxGroups.map((g) => [g.status, g._count._all])) as Partial<Record<"PENDING" | "SENT" | "FAILED", number>>,
      recent,
    };
  },
});
