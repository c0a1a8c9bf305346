import { z } from "zod";
import { defineQuery } from "@/server/core";
import { isCaAdmin, ROLES_NEEDING_SECOND_FACTOR } from "@/server/auth";
import { hasSecondFactor } from "./internal/factors";

export interface StaffSecondFactorRow {
  id: string;
  email: string;
  displayName: string | null;
  roles: string[];
  totp: boolean;
  passkeys: number;
  /** Has a second factor (hasSecondFactor): a reset is offered only then. */
  enrolled: boolean;
  /** The administrator's own row: reset is not offered (another administrator does it). */
  self: boolean;
}

/** The administrator's list of staff accounts and whether each has a second factor. */
export const listStaffSecondFactors = defineQuery({
  name: "second-factor.staff-list",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx): Promise<StaffSecondFactorRow[]> {
    // Prisma's has/hasSome on the Role[] column (and a JS array parameter) reach PGlite as a text the
    // driver refuses; so the roles go as one array-literal string, cast to Role[] in SQL.
    const roles = `{${ROLES_NEEDING_SECOND_FACTOR.join(",")}}`;
    const staff = await ctx.db.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE roles && ${roles}::"Role"[] AND "anonymisedAt" IS NULL`;
    const users = await ctx.db.user.findMany({
      where: { id: { in: staff.map((u) => u.id) } },
      select: { id: true, email: true, displayName: true, roles: true, totpFactor: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } },
      orderBy: { email: "asc" },
    });
    return users.map((u) => {
      const factors = { totp: !!u.totpFactor?.confirmedAt, passkeys: u._count.passkeys };
      return { id: u.id, email: u.email, displayName: u.displayName, roles: u.roles, ...factors, enrolled: hasSecondFactor(factors), self: u.id === ctx.actor!.userId };
    });
  },
});
