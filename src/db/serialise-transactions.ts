import type { PrismaClient } from "../generated/prisma/client";

// Placeholder until the concurrency test shows whether the PGlite adapter already serialises
// interactive transactions.
export function serialiseTransactions(prisma: PrismaClient): PrismaClient {
  return prisma;
}
