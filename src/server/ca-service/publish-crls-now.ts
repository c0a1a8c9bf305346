import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { type ServiceContext, DomainError, defineUseCase } from "@/server/core";
import { publishCrlShard } from "./crl-publisher";

const published = z.array(z.object({ ca: z.string(), shard: z.number().int(), crlNumber: z.number().int(), nextUpdate: z.string() }));

/** The audit event of a manual publication (the signing itself happens before, shard by shard, each under its own lock). */
const recordCrlPublication = defineUseCase({
  name: "ca.crl-published-now",
  input: z.object({ published }),
  authorize: isCaAdmin,
  async run(s, input) {
    s.audit({ action: "ca.crl-published-now", subjectType: "CrlShard", subjectId: null, summary: { shards: input.published } });
    return { count: input.published.length };
  },
});

/**
 * An administrator publishes every CRL shard now (e.g. after an incident, without waiting for the
 * hourly refresh). publishCrlShard takes each shard's lock and numbers the CRL itself; the list of
 * what was published is then recorded as one audit event.
 */
export async function publishCrlsNow(ctx: ServiceContext): Promise<{ count: number }> {
  if (!ctx.actor) throw new DomainError("UNAUTHENTICATED");
  if (!isCaAdmin(ctx.actor)) throw new DomainError("FORBIDDEN");
  const ca = await ctx.ca();
  const now = ctx.clock.now();
  const done: z.infer<typeof published> = [];
  for (const [id, e] of ca.hierarchy.byId) {
    if (e.entity.role !== "issuing" && e.entity.role !== "root") continue;
    for (let shard = 0; shard < Math.max(1, e.entity.crlShards); shard++) {
      const crl = await publishCrlShard(ctx.db, ca, id, shard, now);
      done.push({ ca: id, shard, crlNumber: crl.crlNumber, nextUpdate: crl.nextUpdate.toISOString() });
    }
  }
  return recordCrlPublication(ctx, { published: done });
}
