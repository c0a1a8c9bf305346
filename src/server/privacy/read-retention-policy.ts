import { z } from "zod";
import { mayReadPrivacyRegister } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { LEGAL_MINIMUM_YEARS, loadRetentionPolicy } from "./internal/retention-policy";

/**
 * The retention policy in force (what the sweep applies), with the legal floor the setting cannot
 * go below, so a page can show both without knowing where the setting is kept.
 */
export const readRetentionPolicy = defineQuery({
  name: "privacy.read-retention-policy",
  input: z.object({}),
  authorize: mayReadPrivacyRegister,
  async run(ctx) {
    return { ...(await loadRetentionPolicy(ctx.db)), legalMinimumYears: LEGAL_MINIMUM_YEARS };
  },
});
