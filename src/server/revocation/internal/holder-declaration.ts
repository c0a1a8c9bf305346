import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

/** What the holder declared when asking for a hold release (request-hold-release.ts), as the officer reads it. */
export interface HolderDeclaration {
  /** How the key was found again, in the holder's words. */
  keyFoundHow: string | null;
  /** Whether the holder declared that nobody else had or used the key while it was lost. */
  keyNotShared: boolean;
}

/**
 * Read from the request's audit event, the hash-chained record of what was declared and when:
 * a release asked before the declaration existed shows as not declared, never as declared.
 */
export async function holderDeclaration(db: Tx | PrismaClient, requestId: string): Promise<HolderDeclaration> {
  const event = await db.auditEvent.findFirst({
    where: { action: "revocation.hold-release-requested", subjectType: "RevocationRequest", subjectId: requestId },
    select: { summary: true },
  });
  const summary = (event?.summary ?? {}) as { keyFoundHow?: unknown; keyNotSharedDeclared?: unknown };
  return {
    keyFoundHow: typeof summary.keyFoundHow === "string" ? summary.keyFoundHow : null,
    keyNotShared: summary.keyNotSharedDeclared === true,
  };
}
