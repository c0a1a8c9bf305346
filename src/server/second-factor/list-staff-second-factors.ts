import { z } from "zod";
import { defineQuery } from "@/server/core";
import { isCaAdmin, ROLES_NEEDING_SECOND_FACTOR } from "@/server/auth";

export interface StaffSecondFactorRow {
  id: string;
  email: string;
  displayName: string | null;
  roles: string[];
  totp: boolean;
  passkeys: number;
  /** The administrator's own row: reset is not offered (another administrator does it). */
  self: boolean;
}

/** The administrator's list of staff accounts and whether each has a second factor. */
export const listStaffSecondFactors = defineQuery({
  name: "second-factor.staff-list",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx): Promise<StaffSecondFactorRow[]> {
    const users = await ctx.db.user.findMany({
      where: { roles: { hasSome: [...ROLES_NEEDING_SECOND_FACTOR] }, anonymisedAt: null },
      select: { id: true, email: true, displayName: true, roles: true, totpFactor: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } },
      orderBy: { email: "asc" },
    });
    return users.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      roles: u.roles,
      totp: !!u.totpFactor?.confirmedAt,
      passkeys: u._count.passkeys,
      self: u.id === ctx.actor!.userId,
    }));
  },
});
