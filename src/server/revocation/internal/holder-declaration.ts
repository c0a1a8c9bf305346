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
 * The holder's words from the request's note; the tick from the request's audit event, the
 * hash-chained record of what was declared and when (it also holds the words' SHA-256). A release
 * asked before the declaration existed shows as not declared, never as declared.
 */
export async function holderDeclaration(db: Tx | PrismaClient, requestId: string): Promise<HolderDeclaration> {
  const [request, event] = await Promise.all([
    db.revocationRequest.findUnique({ where: { id: requestId }, select: { note: true } }),
    db.auditEvent.findFirst({
      where: { action: "revocation.hold-release-requested", subjectType: "RevocationRequest", subjectId: requestId },
      select: { summary: true },
    }),
  ]);
  const summary = (event?.summary ?? {}) as { keyNotSharedDeclared?: unknown };
  const declared = summary.keyNotSharedDeclared === true;
  return {
    keyFoundHow: declared ? (request?.note ?? null) : null,
    keyNotShared: declared,
  };
}
