import type { PrismaClient, Role } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

type Db = Tx | PrismaClient;

/**
 * The active accounts (not disabled, not anonymised) that hold a role: whom a staff mail or alert
 * goes to. The role is matched in raw SQL because Prisma's enum-array filters fail on the PGlite
 * adapter (CONTRACTS.md), and loading every account to filter in memory reads all subscribers.
 * Callers still apply their own rule (roles.ts) to what comes back.
 */
export async function activeAccountsWithRole(db: Db, role: Role, exceptUserId?: string) {
  const ids = (await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE ${role}::"Role" = ANY("roles")`).map((r) => r.id);
  return db.user.findMany({
    where: { id: { in: ids, ...(exceptUserId ? { not: exceptUserId } : {}) }, disabledAt: null, anonymisedAt: null },
    select: { id: true, email: true, locale: true, roles: true, displayName: true, registrationAuthorityId: true },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
  });
}
