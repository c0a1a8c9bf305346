import type { PrismaClient } from "@/generated/prisma/client";
import { wireContext } from "@/server/ca-service/wire-context";
import type { ServiceContext } from "@/server/core/context";
import { requestClock } from "@/server/core/request-clock";

/** The context a seed acts in as one existing account (by e-mail), at the e2e build's request clock. */
export async function actorByEmail(db: PrismaClient, email: string): Promise<ServiceContext> {
  const u = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, roles: true } });
  return wireContext({ db, clock: await requestClock(db), actor: { userId: u.id, roles: u.roles }, meta: { ip: "127.0.0.1", userAgent: "e2e-seed" } });
}

/** The first active registration authority, to which seeded applications are assigned. */
export async function firstActiveRaId(db: PrismaClient): Promise<string | null> {
  return (await db.registrationAuthority.findFirst({ where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" } }))?.id ?? null;
}
