import { createHash } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";

/**
 * A short digest of the stored password hash, kept in the session token: when the password
 * changes, every session issued before no longer matches and is treated as signed out.
 */
export function fingerprintOf(passwordHash: string): string {
  return createHash("sha256").update(passwordHash, "utf8").digest("base64url").slice(0, 16);
}

export async function passwordFingerprint(db: PrismaClient, userId: string): Promise<string> {
  const u = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  return fingerprintOf(u.passwordHash);
}
