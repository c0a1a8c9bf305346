import { z } from "zod";
import { mayReadAuditLog } from "@/server/auth";
import { verifyAuditChain, defineQuery } from "@/server/core";

/** Recomputes the whole hash chain now and names the first broken event, if any. */
export const checkAuditChain = defineQuery({
  name: "console.check-audit-chain",
  input: z.object({}),
  authorize: mayReadAuditLog,
  async run(ctx) {
    const result = await verifyAuditChain(ctx.db);
    return { ...result, checkedAt: ctx.now.toISOString() };
  },
});
